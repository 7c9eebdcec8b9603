import { describe, expect, it } from 'vitest';
import type { TemplateDraft } from '../../../shared/schemas/template';
import { createWhatsAppClient, type WhatsAppClientOptions } from '../../../server/whatsapp/client';
import { WhatsAppError } from '../../../server/whatsapp/errors';
import { fakeGraph, fetchFailed, fixture, type Reply } from './fake-graph';

const TOKEN = 'EAAG-test-token-9f8e7d6c5b4a';
const BASE = 'https://graph.example.test';

function setup(replies: Reply[], overrides: Partial<WhatsAppClientOptions> = {}) {
  const graph = fakeGraph(...replies);
  const client = createWhatsAppClient({
    graphUrl: BASE,
    apiVersion: 'v25.0',
    accessToken: TOKEN,
    phoneNumberId: '106540352242922',
    wabaId: '102290129340398',
    fetch: graph.fetch,
    timeoutMs: 50,
    ...overrides,
  });
  return { client, ...graph };
}

const failure = <T>(result: { ok: true; value: T } | { ok: false; error: WhatsAppError }): WhatsAppError => {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.error;
};

describe('listTemplates', () => {
  it('follows paging.next across three pages and parses every readable template', async () => {
    const { client, requests } = setup([
      { json: fixture('templates-page-1.json') },
      { json: fixture('templates-page-2.json') },
      { json: fixture('templates-page-3.json') },
    ]);
    const result = await client.listTemplates();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.map((t) => [t.name, t.language, t.status, t.category])).toEqual([
      ['order_shipped', 'tr', 'APPROVED', 'UTILITY'],
      ['reservation_confirmation', 'en_US', 'APPROVED', 'UTILITY'],
      ['ticket_update', 'tr', 'PAUSED', 'UTILITY'],
      ['invoice_ready', 'en', 'REJECTED', 'MARKETING'],
    ]);
    const [shipped, , paused, invoice] = result.value;
    expect(shipped?.quality_score).toEqual({ score: 'GREEN', date: 1758754645 });
    expect(paused).toMatchObject({ previous_category: 'MARKETING', correct_category: 'UTILITY', quality_score: { score: 'RED' } });
    expect(paused?.rejected_reason).toBeUndefined();
    expect(invoice).toMatchObject({ id: '1661448984531405', rejected_reason: 'INCORRECT_CATEGORY' });
    expect(invoice?.components.map((c) => c.type)).toEqual(['HEADER', 'BODY', 'BUTTONS']);

    expect(requests).toHaveLength(3);
    const first = new URL(requests[0]!.url);
    expect(first.origin + first.pathname).toBe(`${BASE}/v25.0/102290129340398/message_templates`);
    expect(first.searchParams.get('limit')).toBe('100');
    const fields = first.searchParams.get('fields')?.split(',') ?? [];
    expect(fields).toEqual(expect.arrayContaining(['name', 'components', 'quality_score', 'rejected_reason', 'correct_category', 'previous_category', 'parameter_format']));
    expect(new URL(requests[1]!.url).searchParams.get('after')).toBe('QVFIUlBwNm');
    expect(new URL(requests[2]!.url).searchParams.get('after')).toBe('QVFIUnN0dX');
    for (const r of requests) {
      expect(r.method).toBe('GET');
      expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(r.url).not.toContain(TOKEN);
    }
  });

  it('counts the templates the schema cannot read instead of failing the list', async () => {
    const { client } = setup([
      { json: fixture('templates-page-1.json') },
      { json: fixture('templates-page-2.json') },
      { json: fixture('templates-page-3.json') },
    ]);
    const result = await client.listTemplatesDetailed();
    expect(result.ok && result.value.templates).toHaveLength(4);
    expect(result.ok && result.value.skipped).toEqual([
      { id: '1590326338370007', name: 'login_code', reason: expect.stringContaining('components') },
    ]);
  });

  it('never sends the token to another host: a foreign next link is replaced by the after cursor', async () => {
    const page = { data: [], paging: { cursors: { after: 'CUR2' }, next: `https://evil.example/v25.0/x?access_token=${TOKEN}&after=CUR2` } };
    const { client, requests } = setup([{ json: page }, { json: { data: [] } }]);
    expect((await client.listTemplates()).ok).toBe(true);
    const second = new URL(requests[1]!.url);
    expect(second.origin).toBe(BASE);
    expect(second.searchParams.get('after')).toBe('CUR2');
    expect(requests[1]!.url).not.toContain(TOKEN);
  });

  it('strips an access_token Meta echoes into a next link on its own host', async () => {
    const page = { data: [], paging: { next: `${BASE}/v25.0/102290129340398/message_templates?access_token=${TOKEN}&after=X` } };
    const { client, requests } = setup([{ json: page }, { json: { data: [] } }]);
    expect((await client.listTemplates()).ok).toBe(true);
    expect(requests[1]!.url).toBe(`${BASE}/v25.0/102290129340398/message_templates?after=X`);
  });

  it('stops when a next link repeats instead of looping forever', async () => {
    const loop = { data: [], paging: { next: `${BASE}/v25.0/102290129340398/message_templates?after=SAME` } };
    const { client, requests } = setup([{ json: loop }, { json: loop }, { json: loop }]);
    expect((await client.listTemplates()).ok).toBe(true);
    expect(requests).toHaveLength(2);
  });

  it('starts over once when Meta rejects an expired cursor (131059)', async () => {
    const { client, requests } = setup([
      { json: fixture('templates-page-1.json') },
      { status: 400, json: fixture('error-131059-cursor.json') },
      { json: fixture('templates-page-1.json') },
      { json: fixture('templates-page-3.json') },
    ]);
    // Page 1's next link is requested again after the restart; the fake then serves page 3.
    const result = await client.listTemplates();
    expect(result.ok && result.value.map((t) => t.name)).toEqual(['order_shipped', 'reservation_confirmation', 'invoice_ready']);
    expect(requests.map((r) => new URL(r.url).searchParams.get('after'))).toEqual([null, 'QVFIUlBwNm', null, 'QVFIUlBwNm']);
  });

  it('returns the Graph error when a page fails', async () => {
    const { client } = setup([{ json: fixture('templates-page-1.json') }, { status: 401, json: fixture('error-190-expired.json') }]);
    const error = failure(await client.listTemplates());
    expect(error).toMatchObject({ kind: 'graph', code: 190, subcode: 463, httpStatus: 401, retryable: false });
  });
});

describe('sendTemplate', () => {
  const components = [{ type: 'body', parameters: [{ type: 'text', text: 'Ayşe' }] }];

  it('posts the exact Cloud API payload and returns wamid, wa_id and input', async () => {
    const { client, requests } = setup([{ json: fixture('send-template-200.json') }]);
    const result = await client.sendTemplate({ to: '905324182796', name: 'order_shipped', language: 'tr', components, bizOpaqueCallbackData: 'msg_01H' });
    expect(result).toEqual({
      ok: true,
      value: { wamid: 'wamid.HBgLOTA1MzI0MTgyNzk2FQIAERgSQUZCRDcxMTE0RUY5NjUyNTkxAA==', waId: '905324182796', input: '+905324182796', messageStatus: 'accepted' },
    });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'POST', url: `${BASE}/v25.0/106540352242922/messages` });
    expect(requests[0]!.headers).toMatchObject({ authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' });
    expect(requests[0]!.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '+905324182796',
      type: 'template',
      template: { name: 'order_shipped', language: { code: 'tr', policy: 'deterministic' }, components },
      biz_opaque_callback_data: 'msg_01H',
    });
  });

  it('sends no components at all for a template without variables', async () => {
    const { client, requests } = setup([{ json: fixture('send-template-200.json') }]);
    await client.sendTemplate({ to: '+905324182796', name: 'ticket_update', language: 'tr', components: [] });
    expect(requests[0]!.body).toEqual({
      messaging_product: 'whatsapp', recipient_type: 'individual', to: '+905324182796', type: 'template',
      template: { name: 'ticket_update', language: { code: 'tr', policy: 'deterministic' } },
    });
  });

  it('rejects a recipient that is not E.164 before calling Meta', async () => {
    const { client, requests } = setup([]);
    await expect(client.sendTemplate({ to: '0532 418 27 96', name: 'x', language: 'tr', components: [] })).rejects.toThrow(TypeError);
    expect(requests).toHaveLength(0);
  });

  it.each([
    ['param count mismatch', 400, 'error-132000.json', { code: 132000, retryable: false, details: 'body: number of localizable_params (1) does not match the expected number of params (3)' }],
    ['newline rule', 400, 'error-132018-newline.json', { code: 132018, retryable: false, details: expect.stringContaining('new-line/tab') }],
    ['throughput', 429, 'error-130429.json', { code: 130429, subcode: 2494055, retryable: true, type: 'OAuthException', fbtraceId: 'Az8or2yhqkZfEZ-_4Qn_Bam' }],
    ['pair rate limit', 400, 'error-131056.json', { code: 131056, retryable: true }],
    ['unknown error', 500, 'error-131000.json', { code: 131000, retryable: true }],
    ['unknown phone number id', 400, 'error-100-unknown-object.json', { code: 100, subcode: 33, type: 'GraphMethodException', retryable: false }],
  ])('parses Meta’s error envelope: %s', async (_label, status, file, expected) => {
    const { client } = setup([{ status, json: fixture(file) }]);
    const error = failure(await client.sendTemplate({ to: '+905324182796', name: 'x', language: 'tr', components }));
    expect(error).toBeInstanceOf(WhatsAppError);
    expect(error).toMatchObject({ kind: 'graph', httpStatus: status, uncertain: false, ...expected });
    expect(error.message).toBe((fixture(file) as { error: { message: string } }).error.message);
  });

  it('takes the Retry-After hint of a throttled call', async () => {
    const { client } = setup([{ status: 429, json: fixture('error-130429.json'), headers: { 'retry-after': '7' } }]);
    const error = failure(await client.sendTemplate({ to: '+905324182796', name: 'x', language: 'tr', components }));
    expect(error.retryAfterMs).toBe(7000);
  });

  it('a timeout is uncertain: Meta may have sent the message', async () => {
    const { client } = setup([{ hang: true }]);
    const error = failure(await client.sendTemplate({ to: '+905324182796', name: 'x', language: 'tr', components }));
    expect(error).toMatchObject({ kind: 'timeout', code: null, uncertain: true, retryable: true });
  });

  it('a fetch that ignores its abort signal still times out', async () => {
    const { client } = setup([{ hangForever: true }]);
    const error = failure(await client.sendText({ to: '+905324182796', body: 'x' }));
    expect(error).toMatchObject({ kind: 'timeout', uncertain: true });
  });

  it.each([
    ['connection refused: nothing was sent', 'ECONNREFUSED', false],
    ['DNS failure: nothing was sent', 'ENOTFOUND', false],
    ['connection reset: maybe sent', 'ECONNRESET', true],
    ['socket closed mid-response: maybe sent', 'UND_ERR_SOCKET', true],
  ])('network error, %s', async (_label, code, uncertain) => {
    const { client } = setup([{ throws: fetchFailed(code) }]);
    const error = failure(await client.sendTemplate({ to: '+905324182796', name: 'x', language: 'tr', components }));
    expect(error).toMatchObject({ kind: 'network', code: null, retryable: true, uncertain });
  });

  it.each([
    ['an HTML 502 from a proxy', { status: 502, text: '<html>Bad Gateway</html>' }, { kind: 'bad_response', httpStatus: 502, retryable: true, uncertain: false }],
    ['a 504 gateway timeout', { status: 504, text: '' }, { kind: 'bad_response', httpStatus: 504, retryable: true, uncertain: true }],
    ['a 200 that is not JSON', { status: 200, text: 'OK' }, { kind: 'bad_response', httpStatus: 200, retryable: false, uncertain: true }],
    ['a 200 without a message id', { status: 200, json: { messaging_product: 'whatsapp', contacts: [] } }, { kind: 'bad_response', uncertain: true }],
    ['a 400 without an error body', { status: 400, text: 'nope' }, { kind: 'bad_response', httpStatus: 400, retryable: false, uncertain: false }],
  ] as Array<[string, Reply, Record<string, unknown>]>)('%s', async (_label, reply, expected) => {
    const { client } = setup([reply]);
    const error = failure(await client.sendTemplate({ to: '+905324182796', name: 'x', language: 'tr', components }));
    expect(error).toMatchObject({ code: null, ...expected });
  });
});

describe('sendText, markRead, createTemplate, deleteTemplate', () => {
  it('sendText posts a text message and keeps wa_id apart from the input', async () => {
    const { client, requests } = setup([{ json: fixture('send-text-200.json') }]);
    const result = await client.sendText({ to: '+5511987654321', body: 'Merhaba!', previewUrl: true });
    expect(requests[0]!.body).toEqual({
      messaging_product: 'whatsapp', recipient_type: 'individual', to: '+5511987654321', type: 'text',
      text: { body: 'Merhaba!', preview_url: true },
    });
    expect(result).toEqual({ ok: true, value: { wamid: 'wamid.HBgMNTUxMTg3NjU0MzIxFQIAERgSQjM0RkM5ODc2NTQzMjEwQUIA', waId: '551187654321', input: '+5511987654321' } });
  });

  it('markRead posts a read status', async () => {
    const { client, requests } = setup([{ json: { success: true } }, { json: { success: false } }]);
    expect(await client.markRead('wamid.ABC')).toEqual({ ok: true, value: true });
    expect(requests[0]!.body).toEqual({ messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.ABC' });
    expect(failure(await client.markRead('wamid.ABC')).kind).toBe('bad_response');
  });

  it('createTemplate returns Meta’s id, status and (possibly changed) category', async () => {
    const draft: TemplateDraft = {
      name: 'order_update', language: 'tr', category: 'UTILITY',
      components: [{ type: 'BODY', text: 'Siparişiniz {{1}} yola çıktı.', example: { body_text: [['#12345']] } }],
    };
    const { client, requests } = setup([{ json: { id: '546151681022936', status: 'PENDING', category: 'MARKETING' } }]);
    expect(await client.createTemplate(draft)).toEqual({ ok: true, value: { id: '546151681022936', status: 'PENDING', category: 'MARKETING' } });
    expect(requests[0]).toMatchObject({ method: 'POST', url: `${BASE}/v25.0/102290129340398/message_templates`, body: draft });
  });

  it('deleteTemplate deletes one language with hsm_id, or every language by name', async () => {
    const { client, requests } = setup([{ json: { success: true } }, { json: { success: true } }]);
    expect(await client.deleteTemplate('order_update', '546151681022936')).toEqual({ ok: true, value: true });
    expect(await client.deleteTemplate('order_update')).toEqual({ ok: true, value: true });
    expect(requests.map((r) => [r.method, r.url])).toEqual([
      ['DELETE', `${BASE}/v25.0/102290129340398/message_templates?hsm_id=546151681022936&name=order_update`],
      ['DELETE', `${BASE}/v25.0/102290129340398/message_templates?name=order_update`],
    ]);
  });
});

describe('configuration', () => {
  it('resolves a function graphUrl at call time, tolerating a trailing slash and a bare version', async () => {
    let port = 0;
    const { client, requests } = setup([{ json: { success: true } }], {
      graphUrl: () => `http://127.0.0.1:${port}/sandbox/graph/`,
      apiVersion: '25.0',
    });
    port = 8787;
    await client.markRead('wamid.X');
    expect(requests[0]!.url).toBe('http://127.0.0.1:8787/sandbox/graph/v25.0/106540352242922/messages');
  });
});

describe('the access token never leaks', () => {
  const echo = { error: { message: `Invalid OAuth access token - Cannot parse access token: ${TOKEN}`, type: 'OAuthException', code: 190, error_data: { details: `token ${TOKEN}` } } };
  const leaky: Array<[string, Reply]> = [
    ['a Graph error echoing it', { status: 401, json: echo }],
    ['a network error mentioning it', { throws: fetchFailed('ECONNRESET', `socket hang up (Bearer ${TOKEN})`) }],
    ['a plain thrown error mentioning it', { throws: new Error(`boom ${TOKEN}`) }],
    ['a timeout', { hang: true }],
    ['a bad response', { status: 502, text: `upstream said ${TOKEN}` }],
  ];

  it.each(leaky)('%s', async (_label, reply) => {
    const { client } = setup([reply]);
    const result = await client.sendTemplate({ to: '+905324182796', name: 'x', language: 'tr', components: [] });
    const error = failure(result);
    for (const text of [error.message, error.details ?? '', error.stack ?? '', String(error), JSON.stringify(error), JSON.stringify(result)]) {
      expect(text).not.toContain(TOKEN);
    }
    expect(Object.values(error).join(' ')).not.toContain(TOKEN);
  });
});
