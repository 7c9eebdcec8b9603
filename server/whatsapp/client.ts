/**
 * The ONE way the server talks to Meta's WhatsApp Cloud API. Live and sandbox modes run this same
 * code; only `graphUrl` differs (`https://graph.facebook.com` or the built-in sandbox's URL).
 *
 * Every operation resolves to a `Result` — expected failures (Meta errors, timeouts, network) are
 * `WhatsAppError` values, never throws — and the access token appears only in the Authorization
 * header: never in a URL, an error message or a returned value.
 *
 * @module
 */
import type { Result } from '../../shared/result';
import { TemplateCategory, TemplateStatus, type Template, type TemplateDraft } from '../../shared/schemas/template';
import { WhatsAppError } from './errors';
import { graphRequest, type GraphRequest, type GraphTransport } from './graph-request';
import { createHttpFetch, type GraphFetch } from './http-transport';
import { listAllTemplates, PAGE_LIMIT, TEMPLATE_FIELDS, type TemplateList } from './list-templates';

export type WhatsAppClientOptions = {
  /** Base URL WITHOUT the version; a function lets the server resolve its own sandbox port lazily. */
  graphUrl: string | (() => string);
  /** e.g. `v25.0` (a bare `25.0` gets its `v`). */
  apiVersion: string;
  accessToken: string;
  phoneNumberId: string;
  wabaId: string;
  /** Default: node:http(s) with keep-alive (http-transport.ts); tests inject a fake `fetch`. */
  fetch?: GraphFetch;
  /** Per request, body included. Default 15 s. */
  timeoutMs?: number;
};

export type SendTemplateInput = {
  /** E.164 (`+905324182796`) or its bare digits. */
  to: string;
  name: string;
  /** Meta locale code, exactly the template's (`tr`, `en_US`). */
  language: string;
  /** `renderTemplate(...).components`, sent as is; omitted when empty (§3.1). */
  components: unknown[];
  /** Our own id, echoed on every status webhook (≤ 512 characters). */
  bizOpaqueCallbackData?: string;
};

export type SendTextInput = { to: string; body: string; previewUrl?: boolean; bizOpaqueCallbackData?: string };

/** `wamid` is Meta's message id; `waId` WhatsApp's canonical number, which may differ from `input` (§7.2). */
export type SendResult = { wamid: string; waId: string; input: string; messageStatus?: string };

export type CreatedTemplate = { id: string; status: TemplateStatus; category: TemplateCategory };

export type WhatsAppClient = {
  listTemplates(): Promise<Result<Template[], WhatsAppError>>;
  /** Same as `listTemplates`, plus the templates the shared schema could not read. */
  listTemplatesDetailed(): Promise<Result<TemplateList, WhatsAppError>>;
  sendTemplate(input: SendTemplateInput): Promise<Result<SendResult, WhatsAppError>>;
  sendText(input: SendTextInput): Promise<Result<SendResult, WhatsAppError>>;
  markRead(wamid: string): Promise<Result<true, WhatsAppError>>;
  createTemplate(draft: TemplateDraft): Promise<Result<CreatedTemplate, WhatsAppError>>;
  deleteTemplate(name: string, hsmId?: string): Promise<Result<true, WhatsAppError>>;
};

const DEFAULT_TIMEOUT_MS = 15_000;

const badResponse = (what: string, uncertain: boolean): { ok: false; error: WhatsAppError } => ({
  ok: false,
  error: new WhatsAppError({ kind: 'bad_response', message: `The Graph API answered without ${what}.`, httpStatus: 200, uncertain }),
});

/** `+905324182796` / `905324182796` → `+905324182796`. Anything else is a caller bug (parse with `parsePhone` first). */
function e164(to: string): string {
  const digits = to.trim().replace(/^\+/, '');
  if (!/^[1-9]\d{6,14}$/.test(digits)) throw new TypeError('WhatsApp recipients must be E.164 numbers; parse them with parsePhone first.');
  return `+${digits}`;
}

export function createWhatsAppClient(opts: WhatsAppClientOptions): WhatsAppClient {
  const transport: GraphTransport = {
    accessToken: opts.accessToken,
    fetch: opts.fetch ?? createHttpFetch(),
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
  const version = opts.apiVersion.startsWith('v') ? opts.apiVersion : `v${opts.apiVersion}`;
  const url = (path: string, query: Record<string, string> = {}): string => {
    const base = (typeof opts.graphUrl === 'function' ? opts.graphUrl() : opts.graphUrl).replace(/\/+$/, '');
    const search = new URLSearchParams(query).toString();
    return `${base}/${version}/${path}${search ? `?${search}` : ''}`;
  };
  const call = (request: GraphRequest) => graphRequest(transport, request);

  async function send(payload: Record<string, unknown>): Promise<Result<SendResult, WhatsAppError>> {
    const result = await call({
      method: 'POST',
      url: url(`${opts.phoneNumberId}/messages`),
      body: { messaging_product: 'whatsapp', recipient_type: 'individual', ...payload },
    });
    if (!result.ok) return result;
    const body = result.value as { contacts?: Array<{ input?: unknown; wa_id?: unknown }>; messages?: Array<{ id?: unknown; message_status?: unknown }> };
    const message = body.messages?.[0];
    const contact = body.contacts?.[0];
    // A 200 without a wamid may still have been sent: the outbox must reconcile, not resend.
    if (typeof message?.id !== 'string' || message.id === '') return badResponse('a message id', true);
    const to = payload.to as string;
    return {
      ok: true,
      value: {
        wamid: message.id,
        waId: typeof contact?.wa_id === 'string' ? contact.wa_id : to.slice(1),
        input: typeof contact?.input === 'string' ? contact.input : to,
        ...(typeof message.message_status === 'string' ? { messageStatus: message.message_status } : {}),
      },
    };
  }

  const success = (value: unknown): value is { success: true } => (value as { success?: unknown } | undefined)?.success === true;

  const client: WhatsAppClient = {
    async listTemplates() {
      const result = await client.listTemplatesDetailed();
      return result.ok ? { ok: true, value: result.value.templates } : result;
    },

    listTemplatesDetailed() {
      return listAllTemplates(call, url(`${opts.wabaId}/message_templates`, { fields: TEMPLATE_FIELDS, limit: String(PAGE_LIMIT) }));
    },

    async sendTemplate(input) {
      return send({
        to: e164(input.to),
        type: 'template',
        template: {
          name: input.name,
          language: { code: input.language, policy: 'deterministic' },
          ...(input.components.length > 0 ? { components: input.components } : {}),
        },
        ...(input.bizOpaqueCallbackData === undefined ? {} : { biz_opaque_callback_data: input.bizOpaqueCallbackData }),
      });
    },

    async sendText(input) {
      return send({
        to: e164(input.to),
        type: 'text',
        text: { body: input.body, ...(input.previewUrl === undefined ? {} : { preview_url: input.previewUrl }) },
        ...(input.bizOpaqueCallbackData === undefined ? {} : { biz_opaque_callback_data: input.bizOpaqueCallbackData }),
      });
    },

    async markRead(wamid) {
      const result = await call({
        method: 'POST',
        url: url(`${opts.phoneNumberId}/messages`),
        body: { messaging_product: 'whatsapp', status: 'read', message_id: wamid },
      });
      if (!result.ok) return result;
      return success(result.value) ? { ok: true, value: true } : badResponse('"success": true', false);
    },

    async createTemplate(draft) {
      const result = await call({ method: 'POST', url: url(`${opts.wabaId}/message_templates`), body: draft });
      if (!result.ok) return result;
      const body = result.value as { id?: unknown; status?: unknown; category?: unknown };
      const status = TemplateStatus.safeParse(body.status);
      const category = TemplateCategory.safeParse(body.category ?? draft.category);
      if ((typeof body.id !== 'string' && typeof body.id !== 'number') || !status.success || !category.success) {
        return badResponse('the new template’s id, status and category', true);
      }
      return { ok: true, value: { id: String(body.id), status: status.data, category: category.data } };
    },

    async deleteTemplate(name, hsmId) {
      const query: Record<string, string> = hsmId === undefined ? { name } : { hsm_id: hsmId, name };
      const result = await call({ method: 'DELETE', url: url(`${opts.wabaId}/message_templates`, query) });
      if (!result.ok) return result;
      return success(result.value) ? { ok: true, value: true } : badResponse('"success": true', true);
    },
  };
  return client;
}
