/**
 * Helpers for the customer-side tests over real HTTP: entry points, the public opt-in form (token
 * and fields as a browser posts them), what a customer's consent and phone look like.
 */
import { expect } from 'vitest';
import type { ConsentRecord } from '../../../shared/schemas/consent';
import type { EntryPoint, EntryPointInput } from '../../../shared/schemas/entry-point';
import { startTestServer, waitFor, type TestServer } from '../../helpers/test-server';
import { json, phoneShows } from '../consent/http';

export { customerSays, json, outboundTexts, phoneShows } from '../consent/http';

export const REDIRECT_HOSTS = 'shop.example.com,*.example.org';

export const startCustomerServer = (env: Record<string, string> = {}) => startTestServer({ KOPRU_REDIRECT_HOSTS: REDIRECT_HOSTS, ...env });

export async function createEntryPoint(s: TestServer, input: Partial<EntryPointInput> = {}): Promise<EntryPoint> {
  const res = await s.api('/api/entry-points', {
    method: 'POST',
    token: s.adminToken,
    json: { name: 'Web sitesi pop-up', source: 'website_popup', topics: ['order_updates', 'shipping'], ...input },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json<{ entryPoint: EntryPoint }>(res)).entryPoint;
}

export type ConsentView = { status: string; topics: string[]; history: ConsentRecord[] };

export const consentOf = async (s: TestServer, phone: string): Promise<ConsentView> =>
  (await json<{ contact: { consent: ConsentView } }>(await s.api(`/api/contacts/${encodeURIComponent(phone)}`))).contact.consent;

/** GET the opt-in page: the HTML, and the form token a browser would post back. */
export async function openOptinPage(s: TestServer, slug: string, opts: { lang?: string; acceptLanguage?: string; embed?: boolean } = {}) {
  const q = [opts.embed ? 'embed=1' : '', opts.lang ? `lang=${opts.lang}` : ''].filter(Boolean).join('&');
  const res = await fetch(`${s.url}/optin/${slug}${q ? `?${q}` : ''}`, { headers: opts.acceptLanguage ? { 'accept-language': opts.acceptLanguage } : {} });
  const html = await res.text();
  return { res, html, token: /name="token" value="([^"]+)"/.exec(html)?.[1] ?? '' };
}

export type OptinFields = { phone?: string; name?: string; topics?: string[]; consent?: boolean; website?: string; token?: string; lang?: string };

/** POST the form the way a browser does (urlencoded, repeated `topics`). */
export function postOptin(s: TestServer, slug: string, f: OptinFields, headers: Record<string, string> = {}) {
  const body = new URLSearchParams();
  if (f.token !== undefined) body.append('token', f.token);
  if (f.lang) body.append('lang', f.lang);
  if (f.phone !== undefined) body.append('phone', f.phone);
  if (f.name !== undefined) body.append('name', f.name);
  body.append('website', f.website ?? '');
  for (const t of f.topics ?? []) body.append('topics', t);
  if (f.consent) body.append('consent', 'yes');
  return fetch(`${s.url}/optin/${slug}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
}

/** Opens the page and submits it in one go (a fresh token each time, like a person reloading). */
export async function submitOptin(s: TestServer, slug: string, f: OptinFields, headers: Record<string, string> = {}) {
  const { token } = await openOptinPage(s, slug);
  return postOptin(s, slug, { token, ...f }, headers);
}

/** Template messages on the customer's phone, once `count` have arrived. */
export const templatesOnPhone = (s: TestServer, waId: string, count = 1) =>
  waitFor(async () => {
    const all = (await phoneShows(s, waId)).filter((m) => m.direction === 'outbound' && m.type === 'template');
    return all.length >= count ? all : null;
  });

/** Text messages on the customer's phone, once `count` have arrived. */
export const textsOnPhone = (s: TestServer, waId: string, count = 1) =>
  waitFor(async () => {
    const all = (await phoneShows(s, waId)).filter((m) => m.direction === 'outbound' && m.type === 'text').map((m) => m.text ?? '');
    return all.length >= count ? all : null;
  });

let keys = 0;
export function sendTemplate(s: TestServer, phone: string, template: { name: string; language?: string }, values: Record<string, string>, token?: string) {
  return s.api('/api/messages', {
    method: 'POST',
    ...(token ? { token } : {}),
    headers: { 'Idempotency-Key': `customer-test-${++keys}-${phone}` },
    json: { phone, template: { name: template.name, language: template.language ?? 'tr' }, values },
  });
}

/** The visible text of an HTML page (tags and the CSS stripped), for comparing what people read. */
export const visibleText = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
