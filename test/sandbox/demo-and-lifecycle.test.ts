import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { Template } from '../../shared/schemas/template';
import { createSandbox } from '../../server/sandbox/create-sandbox';
import { DEMO_TEMPLATES } from '../../server/sandbox/demo-templates';
import { judgeTemplate } from '../../server/sandbox/graph/template-review';
import { validateTemplateDraft } from '../../server/sandbox/graph/template-validation';
import { createVirtualClock } from '../../server/sandbox/virtual-clock';

const auth = { authorization: 'Bearer sandbox-token' };

describe('demo templates', () => {
  it('has at least 12, in Turkish and English, with every required kind', () => {
    expect(DEMO_TEMPLATES.length).toBeGreaterThanOrEqual(12);
    const names = new Set(DEMO_TEMPLATES.map((d) => d.draft.name));
    for (const n of ['order_confirmation', 'shipping_update', 'delivery_scheduled', 'appointment_reminder', 'payment_reminder', 'payment_failed', 'account_update', 'feedback_survey', 'optin_confirmation', 'whatsapp_handoff']) {
      expect(names).toContain(n);
    }
    const langs = new Set(DEMO_TEMPLATES.map((d) => d.draft.language));
    expect(langs).toEqual(new Set(['tr', 'en']));
    expect(DEMO_TEMPLATES.some((d) => d.draft.parameter_format === 'NAMED')).toBe(true);
    expect(DEMO_TEMPLATES.some((d) => JSON.stringify(d.draft).match(/"format":"(IMAGE|DOCUMENT)"/))).toBe(true);
    expect(DEMO_TEMPLATES.some((d) => d.draft.category === 'MARKETING' && (d.status ?? 'APPROVED') === 'APPROVED')).toBe(true);
    expect(DEMO_TEMPLATES.some((d) => d.status === 'PAUSED')).toBe(true);
    expect(DEMO_TEMPLATES.some((d) => d.status === 'REJECTED' && d.rejectedReason)).toBe(true);
    expect(JSON.stringify(DEMO_TEMPLATES)).toContain('https://kargo.example.com/track/{{1}}');
  });

  it.each(DEMO_TEMPLATES.map((d) => [`${String(d.draft.name)}/${String(d.draft.language)}`, d] as const))(
    '%s passes creation checks and its review agrees with its seeded state',
    (_label, demo) => {
      const checked = validateTemplateDraft(demo.draft);
      expect(checked.ok).toBe(true);
      if (!checked.ok) return;
      const verdict = judgeTemplate(checked.value);
      if (demo.status === 'REJECTED') expect(verdict).toMatchObject({ status: 'REJECTED', reason: demo.rejectedReason });
      else expect(verdict).toMatchObject({ status: 'APPROVED', category: checked.value.category });
    },
  );
});

describe('createSandbox', () => {
  it('mounts under /sandbox in any Hono app and serves seeded templates', async () => {
    const sandbox = createSandbox({ clock: createVirtualClock(), webhookUrl: () => '', appSecret: 'x' });
    const app = new Hono().route('/sandbox', sandbox.app);
    const res = await app.request('http://localhost/sandbox/graph/v25.0/200000000000001/message_templates?limit=100&fields=name,status', { headers: auth });
    const body = (await res.json()) as { data: Array<{ name: string; status: string }> };
    expect(body.data).toHaveLength(DEMO_TEMPLATES.length);
    for (const t of body.data) expect(['APPROVED', 'PAUSED', 'REJECTED']).toContain(t.status);
    const full = await app.request('http://localhost/sandbox/graph/v25.0/200000000000001/message_templates?limit=100', { headers: auth });
    for (const t of ((await full.json()) as { data: unknown[] }).data) expect(Template.safeParse(t).success).toBe(true);
    await sandbox.close();
  });

  it('starts empty without demo data and refuses to advance a real clock', async () => {
    const sandbox = createSandbox({ clock: { now: () => Date.now() }, webhookUrl: () => '', appSecret: 'x', seedDemoData: false });
    expect(sandbox.clock).toBeNull();
    const list = await sandbox.app.request('/graph/v25.0/200000000000001/message_templates', { headers: auth });
    expect(((await list.json()) as { data: unknown[] }).data).toEqual([]);
    const adv = await sandbox.app.request('/clock/advance', { method: 'POST', body: JSON.stringify({ ms: 1 }), headers: { 'content-type': 'application/json' } });
    expect(adv.status).toBe(409);
    await sandbox.close();
  });

  it('keeps its state in its own SQLite file and finishes a pending review after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-'));
    const dbFile = join(dir, 'sandbox.sqlite');
    const clock = createVirtualClock();
    try {
      const first = createSandbox({ clock, dbFile, webhookUrl: () => '', appSecret: 'x', reviewDelayMs: 60_000 });
      const created = await first.app.request('/graph/v25.0/200000000000001/message_templates', {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'survives_restart', language: 'tr', category: 'UTILITY', components: [{ type: 'BODY', text: 'Merhaba {{1}}, siparişiniz hazır.', example: { body_text: [['A']] } }] }),
      });
      const { id } = (await created.json()) as { id: string };
      await first.close();

      const second = createSandbox({ clock, dbFile, webhookUrl: () => '', appSecret: 'x' });
      const read = async () => ((await (await second.app.request(`/graph/v25.0/${id}?fields=status`, { headers: auth })).json()) as { status: string }).status;
      expect(await read()).toBe('PENDING');
      clock.advance(60_000);
      expect(await read()).toBe('APPROVED');
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
