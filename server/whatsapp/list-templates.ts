/**
 * `GET /{WABA_ID}/message_templates`, every page (reference §1.3): follow `paging.next` until it is
 * absent, parse each template with the shared schema, and set aside — and count — the ones the
 * schema cannot read (e.g. authentication templates with OTP buttons) instead of failing the list.
 *
 * @module
 */
import type { Result } from '../../shared/result';
import { Template } from '../../shared/schemas/template';
import type { WhatsAppError } from './errors';
import type { GraphRequest } from './graph-request';

/** Requested explicitly: the default field set lacks quality and category-drift fields. */
export const TEMPLATE_FIELDS = [
  'id', 'name', 'language', 'status', 'category', 'sub_category', 'parameter_format', 'components',
  'previous_category', 'correct_category', 'quality_score', 'rejected_reason', 'message_send_ttl_seconds',
].join(',');

export const PAGE_LIMIT = 100;
/** 6,000 templates is Meta's cap per WABA; 100 pages of 100 is beyond it, so more means a paging loop. */
const MAX_PAGES = 100;

export type SkippedTemplate = { id?: string; name?: string; reason: string };
export type TemplateList = { templates: Template[]; skipped: SkippedTemplate[] };

type Call = (request: GraphRequest) => Promise<Result<unknown, WhatsAppError>>;

type Page = { data?: unknown; paging?: { next?: unknown; cursors?: { after?: unknown } } };

/** Graph omits unset fields but some versions send `null`; the schema treats both as absent. */
const dropNulls = (raw: unknown): unknown =>
  raw && typeof raw === 'object' && !Array.isArray(raw)
    ? Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== null))
    : raw;

/**
 * Meta's `next` links are absolute. They are only followed on our own Graph origin, so the bearer
 * token never goes to a host we were not configured with; elsewhere the `after` cursor is used.
 */
function nextPageUrl(page: Page, firstUrl: string): string | undefined {
  const next = typeof page.paging?.next === 'string' ? page.paging.next : undefined;
  if (next === undefined) return undefined;
  const first = new URL(firstUrl);
  let url: URL;
  try {
    url = new URL(next, first);
  } catch {
    return undefined;
  }
  if (url.origin !== first.origin) {
    const after = page.paging?.cursors?.after;
    if (typeof after !== 'string') return undefined;
    url = new URL(first);
    url.searchParams.set('after', after);
  }
  url.searchParams.delete('access_token');
  return url.toString();
}

export async function listAllTemplates(call: Call, firstUrl: string): Promise<Result<TemplateList, WhatsAppError>> {
  const list: TemplateList = { templates: [], skipped: [] };
  const seen = new Set<string>();
  let url: string | undefined = firstUrl;
  let restarted = false;
  for (let pages = 0; url !== undefined && pages < MAX_PAGES; pages += 1) {
    seen.add(url);
    const result = await call({ method: 'GET', url });
    if (!result.ok) {
      // v24+: an expired cursor (131059) means "start over without it" — once.
      if (result.error.code === 131059 && url !== firstUrl && !restarted) {
        restarted = true;
        list.templates = [];
        list.skipped = [];
        seen.clear();
        url = firstUrl;
        continue;
      }
      return result;
    }
    const page = (result.value ?? {}) as Page;
    for (const raw of Array.isArray(page.data) ? page.data : []) {
      const parsed = Template.safeParse(dropNulls(raw));
      if (parsed.success) {
        list.templates.push(parsed.data);
        continue;
      }
      const r = (raw ?? {}) as { id?: unknown; name?: unknown };
      list.skipped.push({
        ...(r.id === undefined ? {} : { id: String(r.id) }),
        ...(typeof r.name === 'string' ? { name: r.name } : {}),
        reason: parsed.error.issues.map((i) => `${i.path.join('.') || '(template)'}: ${i.message}`).join('; '),
      });
    }
    const next = nextPageUrl(page, firstUrl);
    url = next !== undefined && !seen.has(next) ? next : undefined;
  }
  return { ok: true, value: list };
}
