/**
 * Template health alerts over real HTTP: each kind appears after the sandbox sends the matching
 * Meta webhook (quality drop, pause with its end, the third RED disabling, a rejection with Meta's
 * reason and what to change, a UTILITY → MARKETING change announced then completed, with the 60-day
 * review deadline and the price difference), reaches a connected panel as a live `alert` event, and
 * closes when Meta's next event says it is over.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RATE_CARD } from '../../../shared/pricing/default-rate-card';
import type { Alert } from '../../../shared/schemas/alert';
import type { ApiTemplate } from '../../../shared/schemas/api-template';
import { startTestServer, waitFor, type TestServer } from '../../helpers/test-server';
import { sseReader } from '../consent/http';
import { sandboxSettings } from '../messaging/helpers';

let s: TestServer;
const H = 3600_000;
const DAY = 24 * H;

beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

async function templateId(name: string, language = 'tr'): Promise<string> {
  const res = await s.api('/api/templates?status=all', { token: s.adminToken });
  const { templates } = (await res.json()) as { templates: ApiTemplate[] };
  const t = templates.find((x) => x.name === name && x.language === language);
  if (!t) throw new Error(`no template ${name}/${language}`);
  return t.id;
}

async function control(path: string, body: unknown) {
  const res = await fetch(`${s.url}/sandbox/control${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json() as Promise<Record<string, unknown>>;
}

async function advance(ms: number) {
  const res = await fetch(`${s.url}/sandbox/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms }) });
  expect(res.status).toBe(200);
}

async function alerts(query = 'active=false'): Promise<Alert[]> {
  const res = await s.api(`/api/alerts?${query}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { alerts: Alert[] }).alerts;
}

const waitForAlert = (pred: (a: Alert) => boolean) => waitFor(async () => (await alerts()).find(pred));

describe('alerts from Meta’s template webhooks', () => {
  it('quality drop → pause (until when) → unpause closes it → second pause → disabled, each live in the panel', async () => {
    const id = await templateId('shipping_update');
    const panel = await s.api('/api/events');
    const sse = sseReader(panel);
    await sse.until((t) => t.includes(': connected'));

    await control(`/templates/${id}/quality`, { score: 'YELLOW' });
    const yellow = await waitForAlert((a) => a.kind === 'quality_drop' && a.template.id === id && a.current === 'YELLOW');
    expect(yellow).toMatchObject({ severity: 'warning', template: { name: 'shipping_update', language: 'tr' }, resolvedAt: null });

    const before = s.running.deps.clock.now();
    await control(`/templates/${id}/quality`, { score: 'RED' });
    const paused = await waitForAlert((a) => a.kind === 'paused' && a.template.id === id);
    if (paused.kind !== 'paused') throw new Error('narrowing');
    expect(paused.severity).toBe('critical');
    expect(paused.pause).toBe('FIRST_PAUSE');
    // Meta's first pause lasts 3 hours.
    expect(paused.pausedUntil! - before).toBeGreaterThanOrEqual(3 * H);
    expect(paused.pausedUntil! - before).toBeLessThan(3 * H + 60_000);
    expect(paused.message).toMatch(/paused/);
    const red = await waitForAlert((a) => a.kind === 'quality_drop' && a.template.id === id && a.current === 'RED');
    expect(red.severity).toBe('critical');

    // The panel got them live.
    await sse.until((t) => t.includes('"kind":"paused"') && t.includes('"current":"RED"'));
    const live = sse.events().filter((e) => e.event === 'alert').map((e) => (e.data as { alert: Alert }).alert);
    expect(live.map((a) => a.kind)).toEqual(expect.arrayContaining(['quality_drop', 'paused']));

    // Meta unpauses after 3 h: the pause alert closes (and the panel hears that too).
    await advance(3 * H + 1000);
    await waitFor(async () => (await alerts()).find((a) => a.id === paused.id)?.resolvedAt != null);
    expect((await alerts('active=true')).some((a) => a.id === paused.id)).toBe(false);
    await sse.until((t) => sse.events().some((e) => e.event === 'alert' && (e.data as { alert: Alert }).alert.id === paused.id && (e.data as { alert: Alert }).alert.resolvedAt !== null));

    // Still RED: the second pause (6 h), then the third strike disables it.
    await control(`/templates/${id}/quality`, { score: 'RED' });
    const second = await waitForAlert((a) => a.kind === 'paused' && a.template.id === id && a.pause === 'SECOND_PAUSE');
    expect(second.kind === 'paused' && second.pausedUntil! - s.running.deps.clock.now()).toBeGreaterThan(5 * H);
    await advance(6 * H + 1000);
    await waitFor(async () => (await alerts()).find((a) => a.id === second.id)?.resolvedAt != null);
    await control(`/templates/${id}/quality`, { score: 'RED' });
    const disabled = await waitForAlert((a) => a.kind === 'disabled' && a.template.id === id);
    expect(disabled).toMatchObject({ severity: 'critical', resolvedAt: null });
    expect(disabled.message).toMatch(/disabled/i);
    await sse.cancel();
  });

  it('a delivered-twice webhook raises one alert', async () => {
    const id = await templateId('appointment_reminder');
    await sandboxSettings(s, { duplicates: true });
    try {
      await control(`/templates/${id}/quality`, { score: 'YELLOW' });
      await waitForAlert((a) => a.kind === 'quality_drop' && a.template.id === id);
      // Both copies handled: the sandbox's delivery log shows two successful attempts for it.
      await waitFor(async () => {
        const log = (await (await fetch(`${s.url}/sandbox/control/webhooks?limit=50`)).json()) as { deliveries: Array<{ body: string; state: string }> };
        const copies = log.deliveries.filter((d) => d.body.includes('"new_quality_score":"YELLOW"') && d.body.includes(id) && d.state === 'delivered');
        return copies.length === 2;
      });
      expect((await alerts()).filter((a) => a.kind === 'quality_drop' && a.template.id === id)).toHaveLength(1);
    } finally {
      await sandboxSettings(s, { duplicates: false });
    }
  });

  it('a better score closes the quality alert', async () => {
    const id = await templateId('appointment_reminder');
    const open = await waitForAlert((a) => a.kind === 'quality_drop' && a.template.id === id);
    await control(`/templates/${id}/quality`, { score: 'GREEN' });
    await waitFor(async () => (await alerts()).find((a) => a.id === open.id)?.resolvedAt != null);
  });

  it.each([
    ['PROMOTIONAL', /promotion|offers|discount/i, null],
    ['INVALID_FORMAT', /variables/i, /formatting guidelines/],
  ] as const)('rejected as %s: Meta’s reason and what to change', async (reason, advice, metaReason) => {
    await sandboxSettings(s, { autoReview: false });
    const name = `delivery_note_${reason.toLowerCase()}`;
    const create = await s.api('/api/templates', {
      method: 'POST',
      token: s.adminToken,
      json: {
        draft: {
          name,
          language: 'en',
          category: 'UTILITY',
          components: [{ type: 'BODY', text: 'Hi {{1}}, your order {{2}} will be delivered today between 2 pm and 6 pm.', example: { body_text: [['Emma', 'TR-10482']] } }],
        },
      },
    });
    expect(create.status, await create.clone().text()).toBe(201);
    const { template } = (await create.json()) as { template: ApiTemplate };
    expect(template.status).toBe('PENDING');
    await control(`/templates/${template.id}/review`, { decision: 'reject', reason });
    const rejected = await waitForAlert((a) => a.kind === 'rejected' && a.template.id === template.id);
    if (rejected.kind !== 'rejected') throw new Error('narrowing');
    expect(rejected.reason).toBe(reason);
    expect(rejected.advice).toMatch(advice);
    if (metaReason) expect(rejected.metaReason).toMatch(metaReason);
    else expect(rejected.metaReason).toBeNull();
    expect(rejected.message).toContain(name);
    // The template list shows the new status too (template.changed from the same webhook).
    await waitFor(async () => {
      const all = (await (await s.api('/api/templates?status=all', { token: s.adminToken })).json()) as { templates: ApiTemplate[] };
      return all.templates.find((t) => t.id === template.id)?.status === 'REJECTED';
    });
    await sandboxSettings(s, { autoReview: true });
  });

  it('UTILITY → MARKETING: announced with the date, the 60-day review deadline and the cost; then completed', async () => {
    const id = await templateId('payment_reminder');
    const before = s.running.deps.clock.now();
    await control(`/templates/${id}/category-change`, { correctCategory: 'MARKETING', delayMs: 2 * H });
    const announced = await waitForAlert((a) => a.kind === 'category_change_announced' && a.template.id === id);
    if (announced.kind !== 'category_change_announced') throw new Error('narrowing');
    expect(announced).toMatchObject({ from: 'UTILITY', to: 'MARKETING', severity: 'warning' });
    // Meta's timestamp has second resolution.
    expect(Math.abs(announced.effectiveAt! - (before + 2 * H))).toBeLessThan(5000);
    expect(announced.reviewDeadline).toBe(announced.effectiveAt! + 60 * DAY);
    const tr = DEFAULT_RATE_CARD.rates['90']!;
    expect(announced.cost).toEqual({ currency: 'USD', market: '90', utility: tr.utility, marketing: tr.marketing });
    expect(announced.message).toMatch(/marketing consent/);

    await advance(2 * H + 1000);
    const completed = await waitForAlert((a) => a.kind === 'category_change_completed' && a.template.id === id);
    if (completed.kind !== 'category_change_completed') throw new Error('narrowing');
    expect(completed).toMatchObject({ from: 'UTILITY', to: 'MARKETING', severity: 'critical' });
    expect(completed.reviewDeadline - completed.at).toBe(60 * DAY);
    expect((await alerts()).find((a) => a.id === announced.id)?.resolvedAt).not.toBeNull();
    // And the template is no longer offered to agents.
    const usable = (await (await s.api('/api/templates')).json()) as { templates: ApiTemplate[] };
    expect(usable.templates.some((t) => t.id === id)).toBe(false);
  });

  it('each change of a template is in the audit log as Meta’s doing', async () => {
    const res = await s.api('/api/audit?action=template&limit=500', { token: s.adminToken });
    const { entries } = (await res.json()) as { entries: Array<{ action: string; actor: { kind: string } }> };
    const actions = new Set(entries.map((e) => e.action));
    expect([...actions]).toEqual(expect.arrayContaining(['template.quality', 'template.status', 'template.category', 'template.create']));
    expect(entries.filter((e) => e.action !== 'template.create').every((e) => e.actor.kind === 'meta')).toBe(true);
  });
});

describe('GET /api/alerts and dismissing', () => {
  it('lists open alerts by default and every alert with active=false, newest first', async () => {
    const open = await alerts('active=true');
    const all = await alerts('active=false');
    expect(open.every((a) => a.resolvedAt === null)).toBe(true);
    expect(all.length).toBeGreaterThan(open.length);
    expect(all.map((a) => a.at)).toEqual([...all.map((a) => a.at)].sort((a, b) => b - a));
  });

  it('an admin dismisses an alert; an agent may not; unknown ids are 404, malformed ones 400', async () => {
    const target = (await alerts('active=true'))[0]!;
    const agent = await s.api(`/api/alerts/${target.id}/dismiss`, { method: 'POST' });
    expect(agent.status).toBe(403);
    const ok = await s.api(`/api/alerts/${target.id}/dismiss`, { method: 'POST', token: s.adminToken });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { alert: Alert }).alert.resolvedAt).not.toBeNull();
    expect((await alerts('active=true')).some((a) => a.id === target.id)).toBe(false);
    const unknown = await s.api('/api/alerts/alr_00000000-0000-4000-8000-000000000000/dismiss', { method: 'POST', token: s.adminToken });
    expect(unknown.status).toBe(404);
    const malformed = await s.api('/api/alerts/not-an-id/dismiss', { method: 'POST', token: s.adminToken });
    expect(malformed.status).toBe(400);
  });

  it('bad query → 400; no token → 401', async () => {
    expect((await s.api('/api/alerts?active=maybe')).status).toBe(400);
    expect((await s.api('/api/alerts?limit=0')).status).toBe(400);
    expect((await s.api('/api/alerts', { token: null })).status).toBe(401);
  });
});
