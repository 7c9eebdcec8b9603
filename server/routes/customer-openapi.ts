/**
 * The OpenAPI operations of the customer-side /api routes (entry points, template settings,
 * survey and click figures), kept next to those routes and spread into `OPERATIONS` by openapi.ts.
 * The public pages (/optin, /preferences, /r) are HTML for customers, not API, and are not listed.
 * @module
 */
import * as z from 'zod';
import { ClickAnalytics, AnalyticsRangeQuery, SurveyAnalytics } from '../../shared/schemas/engagement';
import { EntryPoint, EntryPointInput } from '../../shared/schemas/entry-point';
import { TemplateSetting, TemplateSettingInput } from '../../shared/schemas/preferences';
import { AssetQuery, EntryPointIdParam } from './entry-points';
import type { Operation } from './openapi';
import { TemplateNameParam } from './template-settings';

export const CUSTOMER_OPERATIONS: Operation[] = [
  {
    method: 'post', path: '/api/entry-points', summary: 'Create an opt-in entry point (code, wa.me link, QR, card, public page)', admin: true,
    body: EntryPointInput, ok: { status: 201, schema: z.object({ entryPoint: EntryPoint }), description: 'The entry point' }, errors: [400, 401, 403, 409],
  },
  {
    method: 'get', path: '/api/entry-points', summary: 'Entry points with their counts', admin: true,
    ok: { status: 200, schema: z.object({ entryPoints: z.array(EntryPoint) }), description: 'Entry points' }, errors: [401, 403],
  },
  {
    method: 'get', path: '/api/entry-points/{id}/qr.svg', summary: 'The QR code of the wa.me link (SVG)', admin: true, params: EntryPointIdParam, query: AssetQuery,
    ok: { status: 200, description: 'SVG image', contentType: 'image/svg+xml' }, errors: [400, 401, 403, 404],
  },
  {
    method: 'get', path: '/api/entry-points/{id}/qr.png', summary: 'The QR code of the wa.me link (PNG)', admin: true, params: EntryPointIdParam, query: AssetQuery,
    ok: { status: 200, description: 'PNG image', contentType: 'image/png' }, errors: [400, 401, 403, 404],
  },
  {
    method: 'get', path: '/api/entry-points/{id}/card', summary: 'A printable card (business, QR, code, what the customer agrees to, how to stop)', admin: true,
    params: EntryPointIdParam, query: AssetQuery, ok: { status: 200, description: 'HTML page', contentType: 'text/html' }, errors: [400, 401, 403, 404],
  },
  {
    method: 'get', path: '/api/template-settings', summary: 'Each template\'s consent topic and Köprü link buttons', admin: true,
    ok: { status: 200, schema: z.object({ templates: z.array(TemplateSetting) }), description: 'Settings' }, errors: [401, 403],
  },
  {
    method: 'post', path: '/api/template-settings/{name}', summary: 'Set a template\'s topic and tracked URL buttons', admin: true, params: TemplateNameParam,
    body: TemplateSettingInput, ok: { status: 200, schema: z.object({ template: TemplateSetting }), description: 'The new settings' }, errors: [400, 401, 403, 404],
  },
  {
    method: 'get', path: '/api/analytics/surveys', summary: 'Quick-reply answers to feedback templates, per template and agent (agents: their own)', query: AnalyticsRangeQuery,
    ok: { status: 200, schema: SurveyAnalytics, description: 'Answer distributions' }, errors: [400, 401],
  },
  {
    method: 'get', path: '/api/analytics/clicks', summary: 'Tracked URL button clicks per template (agents: their own)', query: AnalyticsRangeQuery,
    ok: { status: 200, schema: ClickAnalytics, description: 'Click-through' }, errors: [400, 401],
  },
];
