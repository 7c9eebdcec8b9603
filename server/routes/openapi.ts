/**
 * `GET /api/openapi.json` — the API description, generated at start from the same zod schemas the
 * routes validate with and answer in (zod 4's `z.toJSONSchema`), so it cannot drift from the code
 * the way a hand-written file would. A test checks that every `/api` route the app mounts is here.
 * @module
 */
import { Hono } from 'hono';
import * as z from 'zod';
import { ApiErrorBody } from '../../shared/schemas/api-error';
import { ApiTemplate } from '../../shared/schemas/api-template';
import {
  ConsentInput,
  ConsentRecord,
  ConsentWording,
  ConsentWordingInput,
  OptinCode,
  OptinCodeInput,
} from '../../shared/schemas/consent';
import { Contact } from '../../shared/schemas/contact';
import { Handoff, HandoffInput } from '../../shared/schemas/handoff';
import { LiveEvent } from '../../shared/schemas/live-event';
import { Message, SendInput } from '../../shared/schemas/message';
import type { AppEnv } from '../core/app-env';
import { CUSTOMER_OPERATIONS } from './customer-openapi';
import { INSIGHTS_OPERATIONS } from './insights-openapi';
import { MessageIdParam } from './messages';
import { SyncCountsBody, TemplatesQuery } from './templates';

type Json = Record<string, unknown>;

export type Operation = {
  method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI style: `/api/messages/{id}`. */
  path: string;
  summary: string;
  admin?: boolean;
  query?: z.ZodObject;
  params?: z.ZodObject;
  headers?: Array<{ name: string; required: boolean; description: string; schema: Json }>;
  body?: z.ZodType;
  ok: { status: number; schema?: z.ZodType; description: string; contentType?: string };
  errors: number[];
};

const Agent = z.object({ id: z.string(), name: z.string(), role: z.enum(['admin', 'agent']), createdAt: z.number() });
const PhoneParam = z.object({ phone: z.string().describe('Any human format; answered as E.164.') });
const CodeParam = z.object({ code: z.string() });
const ChainVerdict = z.object({ ok: z.boolean(), count: z.number().int(), brokenAt: z.number().int().optional(), reason: z.string().optional() });
const OptinCodeStatus = z.looseObject({ code: z.string(), status: z.enum(['pending', 'confirmed', 'expired']), phone: z.string().nullable().optional() });

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: true,
  description: '8–200 characters, one per message draft. The same key and body → the same message; a different body → 409.',
  schema: { type: 'string', minLength: 8, maxLength: 200 },
};

export const OPERATIONS: Operation[] = [
  { method: 'get', path: '/api/me', summary: 'The agent this token belongs to', ok: { status: 200, schema: z.object({ agent: Agent }), description: 'The agent' }, errors: [401] },
  {
    method: 'get', path: '/api/templates', summary: 'Templates agents may send (admins: ?status=all for every status)',
    query: TemplatesQuery, ok: { status: 200, schema: z.object({ templates: z.array(ApiTemplate) }), description: 'Templates' }, errors: [400, 401, 403],
  },
  {
    method: 'post', path: '/api/templates/sync', summary: 'Pull every template page from the Graph API', admin: true,
    ok: { status: 200, schema: SyncCountsBody, description: 'What changed' }, errors: [401, 403, 502],
  },
  {
    method: 'post', path: '/api/messages', summary: 'Send a template, or free-form text inside the 24 h window',
    headers: [IDEMPOTENCY_HEADER], body: SendInput,
    ok: { status: 202, schema: z.object({ message: Message }), description: 'Accepted into the outbox (a replay carries Idempotent-Replayed: true)' },
    errors: [400, 401, 404, 409, 422, 428, 429],
  },
  { method: 'get', path: '/api/messages/{id}', summary: 'A message and its status history', params: MessageIdParam, ok: { status: 200, schema: z.object({ message: Message }), description: 'The message' }, errors: [401, 404] },
  {
    method: 'get', path: '/api/contacts/{phone}', summary: 'Consent, service window, price of the next template and recent messages',
    params: PhoneParam, ok: { status: 200, schema: z.object({ contact: Contact }), description: 'The contact (unknown numbers too)' }, errors: [401, 422],
  },
  { method: 'post', path: '/api/consents', summary: 'Record consent an agent captured', body: ConsentInput, ok: { status: 201, schema: z.object({ consent: ConsentRecord }), description: 'The ledger record' }, errors: [400, 401, 422] },
  { method: 'get', path: '/api/consents/verify', summary: 'Re-check the consent hash chain', admin: true, ok: { status: 200, schema: ChainVerdict, description: 'Verdict' }, errors: [401, 403] },
  {
    method: 'get', path: '/api/consent-wordings', summary: 'Current opt-in wording per language (?all=true: every version)',
    query: z.object({ all: z.enum(['true', 'false']).optional() }), ok: { status: 200, schema: z.object({ wordings: z.array(ConsentWording) }), description: 'Wordings' }, errors: [400, 401],
  },
  {
    method: 'post', path: '/api/consent-wordings', summary: 'Add a new wording version', admin: true, body: ConsentWordingInput,
    ok: { status: 201, schema: z.object({ wording: ConsentWording }), description: 'The new version' }, errors: [400, 401, 403],
  },
  { method: 'post', path: '/api/optin-codes', summary: 'A code + wa.me link + QR for customer-proof opt-in', body: OptinCodeInput, ok: { status: 201, schema: OptinCode, description: 'The code' }, errors: [400, 401, 422] },
  { method: 'get', path: '/api/optin-codes/{code}', summary: 'Whether an opt-in code has been confirmed', params: CodeParam, ok: { status: 200, schema: OptinCodeStatus, description: 'Status' }, errors: [401, 404] },
  {
    method: 'post', path: '/api/handoffs', summary: 'Continue a ticket on WhatsApp', body: HandoffInput,
    ok: { status: 201, schema: z.object({ handoff: Handoff, templateSkipped: z.unknown().optional() }), description: 'The hand-off' }, errors: [400, 401, 422],
  },
  { method: 'get', path: '/api/handoffs/{id}', summary: 'A hand-off and whether it is linked', params: z.object({ id: z.string() }), ok: { status: 200, schema: z.object({ handoff: Handoff }), description: 'The hand-off' }, errors: [401, 404] },
  {
    method: 'get', path: '/api/events', summary: 'Live events (server-sent events; `event: <type>`, JSON `data:` as below)',
    ok: { status: 200, schema: LiveEvent, description: 'A text/event-stream of LiveEvent', contentType: 'text/event-stream' }, errors: [401],
  },
  { method: 'get', path: '/api/openapi.json', summary: 'This document', ok: { status: 200, description: 'OpenAPI 3.1' }, errors: [401] },
  ...CUSTOMER_OPERATIONS,
  ...INSIGHTS_OPERATIONS,
];

const schemaOf = (s: z.ZodType, io: 'input' | 'output'): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Json;
  return rest;
};

function parameters(op: Operation): Json[] {
  const out: Json[] = [];
  const add = (where: 'query' | 'path', obj: z.ZodObject | undefined) => {
    if (!obj) return;
    const js = schemaOf(obj, 'input') as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(js.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema });
    }
  };
  add('path', op.params);
  add('query', op.query);
  for (const h of op.headers ?? []) out.push({ name: h.name, in: 'header', required: h.required, description: h.description, schema: h.schema });
  return out;
}

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid request (VALIDATION_FAILED, BAD_REQUEST)',
  401: 'Missing, unknown or revoked token',
  403: 'Not allowed (admin only, or a foreign origin)',
  404: 'Not found',
  409: 'IDEMPOTENCY_KEY_REUSED',
  422: 'Refused by the rules (INVALID_PHONE, OPTED_OUT, NO_CONSENT, TOPIC_OPTED_OUT, WINDOW_CLOSED, TEMPLATE_NOT_USABLE, INVALID_VALUES)',
  428: 'IDEMPOTENCY_KEY_REQUIRED',
  429: 'RATE_LIMITED (see Retry-After)',
  502: 'WhatsApp (Graph API) failed',
};

export function buildOpenApi(): Json {
  const error = { description: 'Error envelope', content: { 'application/json': { schema: schemaOf(ApiErrorBody, 'output') } } };
  const paths: Record<string, Json> = {};
  for (const op of OPERATIONS) {
    const responses: Json = {
      [op.ok.status]: {
        description: op.ok.description,
        ...(op.ok.schema ? { content: { [op.ok.contentType ?? 'application/json']: { schema: schemaOf(op.ok.schema, 'output') } } } : {}),
      },
    };
    for (const status of op.errors) responses[status] = { ...error, description: ERROR_TEXT[status] ?? 'Error' };
    paths[op.path] = {
      ...(paths[op.path] ?? {}),
      [op.method]: {
        summary: op.summary + (op.admin ? ' (admin)' : ''),
        security: [{ bearer: [] }],
        parameters: parameters(op),
        ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(op.body, 'input') } } } } : {}),
        responses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Köprü API',
      version: '1',
      description: 'WhatsApp utility templates from any helpdesk, with consent you can prove. Meta webhooks arrive at /webhooks/whatsapp (signed, not bearer).',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}

export const openapiRoute = () => {
  // Built once: the schemas do not change while the server runs.
  const doc = buildOpenApi();
  return new Hono<AppEnv>().get('/', (c) => c.json(doc, 200));
};
