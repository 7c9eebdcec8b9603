import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Template } from '../../shared/schemas/template';
import { DEMO_TEMPLATES } from '../../server/sandbox/demo-templates';
import type { Harness } from './helpers/harness';
import { startHarness, WABA } from './helpers/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const list = (query: string) => h.graph('GET', `/${WABA}/message_templates${query}`);

describe('GET /{waba}/message_templates', () => {
  it('returns the default field set, parseable with the shared Template schema', async () => {
    const res = await list('');
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(DEMO_TEMPLATES.length < 25 ? DEMO_TEMPLATES.length : 25);
    for (const t of res.body.data) {
      expect(Object.keys(t)).toEqual(['name', 'parameter_format', 'components', 'language', 'status', 'category', 'id']);
      expect(Template.safeParse(t).success).toBe(true);
      expect(t.id).toMatch(/^\d+$/);
    }
    expect(res.body.paging.cursors).toEqual({ before: expect.any(String), after: expect.any(String) });
    expect(res.body.paging.next).toBeUndefined();
    expect(res.body.paging.previous).toBeUndefined();
  });

  it('returns only the requested fields, id always', async () => {
    const res = await list('?fields=name,quality_score,rejected_reason&limit=3');
    for (const t of res.body.data) {
      expect(Object.keys(t)).toEqual(['name', 'quality_score', 'rejected_reason', 'id']);
      expect(t.quality_score).toEqual({ score: expect.stringMatching(/^(GREEN|YELLOW|RED|UNKNOWN)$/), date: expect.any(Number) });
    }
  });

  it('rejects a field that does not exist', async () => {
    const res = await list('?fields=name,colour');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('(#100) Tried accessing nonexisting field (colour) on node type (WhatsAppMessageTemplate)');
  });

  it('pages with opaque cursors; next only while more exist, previous mirrors it', async () => {
    const all = (await list('?fields=name,language&limit=100')).body.data.map((t: { id: string }) => t.id);
    const seen: string[] = [];
    let res = await list('?fields=name,language&limit=5');
    expect(res.body.paging.previous).toBeUndefined();
    let pages = 1;
    seen.push(...res.body.data.map((t: { id: string }) => t.id));
    while (res.body.paging.next) {
      const next = new URL(res.body.paging.next);
      expect(next.pathname).toBe(new URL(`${h.server.graphUrl}/v25.0/${WABA}/message_templates`).pathname);
      expect(next.searchParams.get('limit')).toBe('5');
      expect(next.searchParams.get('fields')).toBe('name,language');
      res = (await fetch(next, { headers: { authorization: 'Bearer sandbox-token' } }).then(async (r) => ({ body: await r.json() }))) as typeof res;
      expect(res.body.paging.previous).toEqual(expect.any(String));
      seen.push(...res.body.data.map((t: { id: string }) => t.id));
      pages += 1;
    }
    expect(pages).toBe(Math.ceil(all.length / 5));
    expect(seen).toEqual(all);
    // previous leads back to the page before the last one
    const prev = await fetch(res.body.paging.previous, { headers: { authorization: 'Bearer sandbox-token' } }).then((r) => r.json());
    expect(prev.data.map((t: { id: string }) => t.id)).toEqual(all.slice((pages - 2) * 5, (pages - 1) * 5));
  });

  it('answers 131059 for a cursor it did not issue', async () => {
    const res = await list('?after=QVFIUmdarbage');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 131059 });
  });

  it.each([
    ['status=approved', (t: any) => t.status === 'APPROVED'],
    ['status=PAUSED,rejected', (t: any) => ['PAUSED', 'REJECTED'].includes(t.status)],
    ['category=MARKETING', (t: any) => t.category === 'MARKETING'],
    ['language=en', (t: any) => t.language === 'en'],
    ['name=shipping_update', (t: any) => t.name === 'shipping_update'],
    ['quality_score=RED', (t: any) => t.status === 'PAUSED'],
  ])('filters by %s', async (query, predicate) => {
    const res = await list(`?${query}&limit=100`);
    expect(res.status).toBe(200);
    expect(res.body.data.length).toBeGreaterThan(0);
    expect(res.body.data.every(predicate)).toBe(true);
  });

  it('searches name_or_content in names and in template text (Turkish-aware)', async () => {
    const byName = await list('?name_or_content=handoff&fields=name&limit=100');
    expect(new Set(byName.body.data.map((t: any) => t.name))).toEqual(new Set(['whatsapp_handoff']));
    const byContent = await list('?name_or_content=KARGO&fields=name&limit=100');
    expect(byContent.body.data.map((t: any) => t.name)).toContain('shipping_update');
  });

  it('rejects an unknown status value with Meta’s enum message', async () => {
    const res = await list('?status=LIVE');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^\(#100\) Param status must be one of \{.*APPROVED.*\} - got "LIVE"\.$/);
  });

  it('GET /{template_id} returns the requested fields; quality_score as {score,date}', async () => {
    const [first] = (await list('?name=order_confirmation&language=tr')).body.data;
    const res = await h.graph('GET', `/${first.id}?fields=status,quality_score`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'APPROVED', quality_score: { score: 'GREEN', date: expect.any(Number) }, id: first.id });
  });
});
