/**
 * Pulls every template page from the Graph API into the template store (`POST /api/templates/sync`,
 * start-up in sandbox mode, and a background refresh when a webhook names a template we do not
 * have). Webhooks keep the store current between syncs; a sync is the full truth, so templates
 * Meta no longer lists are marked DELETED (messages keep pointing at them).
 * @module
 */
import type { Result } from '../../shared/result';
import { markMissingDeleted, templateKey, upsertTemplate } from '../db/templates-repo';
import type { Deps } from '../deps';
import type { WhatsAppError } from '../whatsapp/errors';

export type SyncCounts = {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Stored templates Meta no longer lists, now DELETED. */
  removed: number;
  /** Templates Meta listed that the schema could not read (e.g. authentication OTP buttons). */
  skipped: number;
};

type SyncDeps = Pick<Deps, 'db' | 'clock' | 'log' | 'whatsapp' | 'events'>;

export async function syncTemplates(deps: SyncDeps): Promise<Result<SyncCounts, WhatsAppError>> {
  const listed = await deps.whatsapp.listTemplatesDetailed();
  if (!listed.ok) return listed;
  const { db, clock } = deps;
  const now = clock.now();
  const { templates, skipped } = listed.value;
  const counts: SyncCounts = { total: templates.length, created: 0, updated: 0, unchanged: 0, removed: 0, skipped: skipped.length };
  const changed: typeof templates = [];

  db.transaction(() => {
    const seen = new Set<string>();
    for (const t of templates) {
      seen.add(templateKey(t));
      const outcome = upsertTemplate(db, t, now);
      counts[outcome] += 1;
      if (outcome !== 'unchanged') changed.push(t);
    }
    // A template we could not read this time is not gone: keep what we had.
    const unreadable = new Set(skipped.map((s) => s.name).filter((n): n is string => !!n));
    counts.removed = markMissingDeleted(db, seen, now, unreadable);
  })();

  for (const t of changed) {
    deps.events.publish({ type: 'template.changed', templateId: t.id, name: t.name, language: t.language, status: t.status, category: t.category, at: now });
  }
  if (skipped.length) deps.log.warn('templates the schema could not read were skipped', { skipped });
  deps.log.info('templates synced', counts);
  return { ok: true, value: counts };
}

/** One sync at a time per database: webhook-triggered refreshes coalesce into the running one. */
const running = new WeakMap<object, Promise<void>>();

/** Starts a background sync (or joins the one running); never rejects, logs what went wrong. */
export function requestTemplateSync(deps: SyncDeps): Promise<void> {
  const current = running.get(deps.db);
  if (current) return current;
  const run = syncTemplates(deps)
    .then((r) => {
      if (!r.ok) deps.log.warn('background template sync failed', { code: r.error.code, error: r.error.message });
    })
    .catch((error: unknown) => {
      if (deps.db.open) deps.log.error('background template sync crashed', { error });
    })
    .finally(() => running.delete(deps.db));
  running.set(deps.db, run);
  return run;
}
