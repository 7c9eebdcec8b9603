/**
 * The OpenAPI operations of the insights, template-health and compliance routes (analytics, price,
 * alerts, template lint/create, audit, consent export, erasure, retention), spread into `OPERATIONS`
 * by openapi.ts.
 * @module
 */
import * as z from 'zod';
import { Alert, AlertsQuery } from '../../shared/schemas/alert';
import { AnalyticsQuery, AnalyticsReport, PriceAnswer } from '../../shared/schemas/analytics';
import { ApiTemplate } from '../../shared/schemas/api-template';
import { AuditPage, AuditQuery } from '../../shared/schemas/audit';
import { ConsentRecord } from '../../shared/schemas/consent';
import { LintResult } from '../../shared/schemas/lint';
import { AlertIdParam } from './alerts';
import { RetentionBody } from './compliance';
import { ExportQuery } from './consents';
import type { Operation } from './openapi';
import { PriceQuery } from './price';
import { CreateTemplateBody, LintBody } from './template-admin';

const PhoneParam = z.object({ phone: z.string().describe('Any human format; answered as E.164.') });
const Verdict = z.object({ ok: z.boolean(), count: z.number().int(), headHash: z.string().optional(), brokenAt: z.number().int().optional(), reason: z.string().optional() });

const ExportedConsent = ConsentRecord.extend({
  createdAtIso: z.string(),
  wording: z.object({ id: z.string(), version: z.number().nullable(), language: z.string().nullable(), text: z.string().nullable() }).nullable(),
  agent: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  iys: z.object({
    type: z.literal('MESAJ'),
    source: z.string().describe('HS_FIZIKSEL_ORTAM, HS_ISLAK_IMZA, HS_CAGRI_MERKEZI, HS_WEB, HS_MESAJ, HS_MOBIL, HS_EORTAM'),
    status: z.enum(['ONAY', 'RET']),
    recipientType: z.literal('BIREYSEL'),
    recipient: z.string().nullable(),
    consentDate: z.string().describe('YYYY-MM-DD HH:mm:ss, Europe/Istanbul'),
  }),
});
const ConsentExport = z.object({
  exportedAt: z.number(),
  scope: z.object({ phone: z.string().nullable() }),
  consents: z.array(ExportedConsent),
  nextAfter: z.number().nullable(),
  chain: Verdict.extend({ redacted: z.number().optional(), unverifiable: z.array(z.number()).optional() }),
});
const Retention = z.object({ messageContentDays: z.number().nullable(), updatedAt: z.number().nullable(), updatedBy: z.string().nullable() });
const RetentionRun = z.object({ cutoff: z.number().nullable(), messagesBlanked: z.number(), inboundBlanked: z.number() });
const Erasure = z.object({ subject: z.string(), erasedAt: z.number(), alreadyErased: z.boolean(), counts: z.record(z.string(), z.number()), vacuumed: z.boolean() });

export const INSIGHTS_OPERATIONS: Operation[] = [
  {
    method: 'get', path: '/api/analytics', summary: 'Sent, delivered, read, failed by code, replied, rates, median times, free/billable and cost — by template, agent or day (agents: their own)',
    query: AnalyticsQuery, ok: { status: 200, schema: AnalyticsReport, description: 'The report' }, errors: [400, 401, 403],
  },
  {
    method: 'get', path: '/api/price', summary: 'What sending a template to this customer would cost now (rate card × category × window)',
    query: PriceQuery, ok: { status: 200, schema: PriceAnswer, description: 'The estimate' }, errors: [400, 401, 404, 422],
  },
  {
    method: 'get', path: '/api/alerts', summary: 'Template health alerts (rejected, paused, disabled, quality drop, UTILITY→MARKETING)',
    query: AlertsQuery, ok: { status: 200, schema: z.object({ alerts: z.array(Alert) }), description: 'Alerts, newest first' }, errors: [400, 401],
  },
  {
    method: 'post', path: '/api/alerts/{id}/dismiss', summary: 'Close an alert by hand', admin: true, params: AlertIdParam,
    ok: { status: 200, schema: z.object({ alert: Alert }), description: 'The closed alert' }, errors: [400, 401, 403, 404],
  },
  {
    method: 'post', path: '/api/templates/lint', summary: 'Check a draft template: Meta\'s rules and utility wording (tr/en)', admin: true, body: LintBody,
    ok: { status: 200, schema: LintResult, description: 'The likely category and the findings' }, errors: [400, 401, 403],
  },
  {
    method: 'post', path: '/api/templates', summary: 'Lint a draft and submit it to Meta; the review outcome follows as template.changed events', admin: true,
    body: CreateTemplateBody, ok: { status: 201, schema: z.object({ template: ApiTemplate, lint: LintResult }), description: 'The stored template (usually PENDING)' },
    errors: [400, 401, 403, 409, 502],
  },
  {
    method: 'get', path: '/api/audit', summary: 'The audit log, newest first, with filters (phone is matched through its keyed hash)', admin: true,
    query: AuditQuery, ok: { status: 200, schema: AuditPage, description: 'A page of entries' }, errors: [400, 401, 403, 422],
  },
  { method: 'get', path: '/api/audit/verify', summary: 'Re-check the audit log\'s hash chain', admin: true, ok: { status: 200, schema: Verdict, description: 'Verdict' }, errors: [401, 403] },
  {
    method: 'get', path: '/api/consents/export', summary: 'Consent records with wording text, agent, ticket, evidence, İYS fields and the chain proof (one customer or the whole ledger; JSON or CSV)', admin: true,
    query: ExportQuery, ok: { status: 200, schema: ConsentExport, description: 'JSON (format=csv: text/csv with X-Chain-* headers)' }, errors: [400, 401, 403, 422],
  },
  {
    method: 'delete', path: '/api/contacts/{phone}', summary: 'Erase a customer on request: personal data and contents removed, a keyed hash kept so the number is never messaged again', admin: true,
    params: PhoneParam, ok: { status: 200, schema: z.object({ erased: Erasure }), description: 'What was removed' }, errors: [401, 403, 422],
  },
  {
    method: 'get', path: '/api/compliance/retention', summary: 'How long message contents are kept', admin: true,
    ok: { status: 200, schema: z.object({ retention: Retention }), description: 'The setting' }, errors: [401, 403],
  },
  {
    method: 'put', path: '/api/compliance/retention', summary: 'Set how long message contents are kept (null: until erased); applied at once', admin: true, body: RetentionBody,
    ok: { status: 200, schema: z.object({ retention: Retention, run: RetentionRun }), description: 'The setting and what was blanked' }, errors: [400, 401, 403],
  },
  {
    method: 'post', path: '/api/compliance/retention/run', summary: 'Apply the retention setting now', admin: true,
    ok: { status: 200, schema: z.object({ run: RetentionRun }), description: 'What was blanked' }, errors: [401, 403],
  },
];
