/**
 * `GET /api/templates` — what an agent may send: APPROVED, UTILITY, not paused, with the values to
 * fill (`templateVariables`). Admins may ask `?status=all` to see every template with its status
 * and rejection reason. `POST /api/templates/sync` (admin) pulls every page from the Graph API.
 * @module
 */
import { Hono } from 'hono';
import * as z from 'zod';
import type { ApiTemplate } from '../../shared/schemas/api-template';
import type { Template } from '../../shared/schemas/template';
import { templateVariables, type TemplateVariable } from '../../shared/templates/template-variables';
import type { AppEnv } from '../core/app-env';
import { requireRole } from '../core/auth';
import { reasonFor } from '../core/outbox';
import { serverLinks } from '../core/server-filled';
import { syncTemplates } from '../core/template-sync';
import { templateTopic, topicFromSetting } from '../core/topic-gate';
import { listTemplateSettings, type TemplateSettingRow } from '../db/preferences-repo';
import { isUsable, listTemplates, type StoredTemplate } from '../db/templates-repo';
import type { Deps } from '../deps';
import { fail, validate } from '../errors';

export const TemplatesQuery = z.object({
  q: z.string().trim().max(200).optional(),
  language: z.string().trim().regex(/^[A-Za-z]{2,3}([_-][A-Za-z]{2,4})?$/, 'a language such as tr, en or en_US').optional(),
  status: z.enum(['usable', 'all']).default('usable'),
});

export const SyncCountsBody = z.object({
  counts: z.object({
    total: z.number(),
    created: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    removed: z.number(),
    skipped: z.number(),
  }),
});

type Derived = { variables: TemplateVariable[] };

/**
 * What depends only on the template itself, computed once per stored template: the store hands
 * out one frozen object per stored JSON (templates-repo's parse cache), so a changed template is a
 * new key and an unchanged one is never worked out again. Listing 500 templates spent most of its
 * 20 ms here on every request.
 */
const derivedOf = new WeakMap<Template, Derived>();

function derived(t: Readonly<Template>): Derived {
  let d = derivedOf.get(t);
  if (!d) derivedOf.set(t, (d = { variables: templateVariables(t) }));
  return d;
}

/**
 * `settings`: every template setting read at once, for a listing (else each template reads its own).
 */
export function toApiTemplate(deps: Pick<Deps, 'db' | 'config'>, s: StoredTemplate, now: number, settings?: Map<string, TemplateSettingRow>): ApiTemplate {
  const links = serverLinks(deps, s.template);
  const { variables } = derived(s.template);
  return {
    ...s.template,
    variables: links.size === 0 ? variables : variables.map((v) => {
      const link = v.location === 'button' && v.buttonIndex !== undefined ? links.get(v.buttonIndex) : undefined;
      if (!link) return v;
      return { ...v, serverLink: link.kind, ...(link.ignoresAgentValue ? { filledBy: 'server' as const } : {}) };
    }),
    topic: (settings ? topicFromSetting(settings.get(s.template.name) ?? null, s.template) : templateTopic(deps.db, s.template)).topic,
    usable: isUsable(s, now),
    pausedUntil: s.pausedUntil,
    updatedAt: s.updatedAt,
  };
}

export const templatesRoute = (deps: Deps) =>
  new Hono<AppEnv>()
    .get('/', validate('query', TemplatesQuery), (c) => {
      const q = c.req.valid('query');
      if (q.status === 'all' && c.var.agent.role !== 'admin') {
        return fail(c, 'FORBIDDEN', 'Only an admin may list templates that cannot be sent.');
      }
      const now = deps.clock.now();
      const stored = listTemplates(deps.db, {
        ...(q.q ? { q: q.q } : {}),
        ...(q.language ? { language: q.language.replace('-', '_') } : {}),
        usableOnly: q.status === 'usable',
        now,
      });
      const settings = new Map(listTemplateSettings(deps.db).map((t) => [t.name, t]));
      return c.json({ templates: stored.map((s) => toApiTemplate(deps, s, now, settings)) }, 200);
    })
    .post('/sync', requireRole('admin'), async (c) => {
      const result = await syncTemplates(deps);
      if (!result.ok) {
        return fail(c, 'UPSTREAM_ERROR', `Templates could not be fetched from WhatsApp: ${reasonFor(result.error)}`, {
          code: result.error.code,
          kind: result.error.kind,
        });
      }
      return c.json({ counts: result.value }, 200);
    });
