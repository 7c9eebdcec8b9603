/**
 * What a verified Meta webhook means for Köprü (reference §5.4–5.7). The route has already checked
 * the signature over the raw bytes; this module parses with the shared zod schemas and applies:
 * - statuses → the outbox rows, forward-only (status ladder), deduplicated on (message, status)
 *   by `message_events`' key; matched by wamid, else by our id in `biz_opaque_callback_data`
 *   (a send whose Graph response never arrived); pricing and Meta's error code/reason kept;
 * - inbound messages → the consent side (`handleInboundMessage`: window, keywords, codes);
 * - `user_preferences` → `handleUserPreference`;
 * - template status / category / quality / components events → the template store + `template.changed`.
 * Everything is database work; nothing here waits on a Graph call (automatic replies are queued).
 * @module
 */
import {
  MetaInboundMessage,
  MetaMessagesValue,
  MetaStatus,
  MetaTemplateCategoryUpdate,
  MetaTemplateComponentsUpdate,
  MetaTemplateQualityUpdate,
  MetaTemplateStatusUpdate,
  MetaUserPreference,
  type MetaWebhook,
} from '../../shared/schemas/meta-webhook';
import { TemplateCategory, TemplateStatus } from '../../shared/schemas/template';
import { groupCommit } from '../db/group-commit';
import { findStatusRowByWamid, getStatusRow, moveMessage, setPricing, setWamid, type StatusChange } from '../db/messages-repo';
import { patchTemplate, type StoredTemplate, type TemplatePatch } from '../db/templates-repo';
import type { Deps } from '../deps';
import { noteTemplateEvent } from './alerts';
import { describeWhatsAppError } from '../whatsapp/errors';
import { handleInboundMessage, handleUserPreference, type InboundMessage } from './inbound';
import { fromMetaStatus } from './status-ladder';
import { requestTemplateSync } from './template-sync';

export type WebhookSummary = {
  statuses: { applied: number; ignored: number; unmatched: number; invalid: number };
  inbound: number;
  preferences: number;
  templates: number;
  ignoredFields: string[];
};

/** Meta's automatic unpause times (reference §6.5); other pauses last until Meta says otherwise. */
const PAUSE_MS: Record<string, number> = { FIRST_PAUSE: 3 * 3600_000, SECOND_PAUSE: 6 * 3600_000 };

export async function processWebhook(deps: Deps, payload: MetaWebhook): Promise<WebhookSummary> {
  const summary: WebhookSummary = { statuses: { applied: 0, ignored: 0, unmatched: 0, invalid: 0 }, inbound: 0, preferences: 0, templates: 0, ignoredFields: [] };
  const statuses: unknown[] = [];
  const inbound: InboundMessage[] = [];
  const preferences: unknown[] = [];
  const templateChanges: Array<{ field: string; value: unknown }> = [];

  for (const entry of payload.entry) {
    for (const change of entry.changes) {
      if (change.field === 'messages' || change.field === 'user_preferences') {
        const value = MetaMessagesValue.safeParse(change.value);
        if (!value.success) continue;
        statuses.push(...(value.data.statuses ?? []));
        preferences.push(...(value.data.user_preferences ?? []));
        const names = new Map((value.data.contacts ?? []).map((c) => [c.wa_id, c.profile?.name]));
        for (const raw of value.data.messages ?? []) {
          const m = MetaInboundMessage.safeParse(raw);
          if (m.success) inbound.push(toInbound(m.data, names.get(m.data.from)));
        }
      } else if (change.field.startsWith('message_template_') || change.field === 'template_category_update') {
        templateChanges.push(change);
      } else {
        summary.ignoredFields.push(change.field);
      }
    }
  }

  await applyStatuses(deps, statuses, summary);

  // One at a time, in the order Meta batched them: a STOP followed by START must end opted in.
  for (const m of inbound) {
    try {
      await handleInboundMessage(deps, m);
      summary.inbound += 1;
    } catch (error) {
      deps.log.error('inbound message handling failed', { wamid: m.wamid, error });
    }
  }
  for (const raw of preferences) {
    const p = MetaUserPreference.safeParse(raw);
    if (!p.success) continue;
    try {
      handleUserPreference(deps, {
        waId: p.data.wa_id,
        value: p.data.value,
        ...(p.data.detail !== undefined ? { detail: p.data.detail } : {}),
        at: p.data.timestamp !== undefined ? p.data.timestamp * 1000 : deps.clock.now(),
      });
      summary.preferences += 1;
    } catch (error) {
      deps.log.error('user preference handling failed', { waId: p.data.wa_id, error });
    }
  }
  for (const change of templateChanges) if (applyTemplateChange(deps, change.field, change.value)) summary.templates += 1;
  return summary;
}

function toInbound(m: MetaInboundMessage, name: string | undefined): InboundMessage {
  const reply = m.interactive?.button_reply ?? m.interactive?.list_reply;
  const buttonPayload = m.button?.payload ?? reply?.id;
  const buttonText = m.button?.text ?? reply?.title;
  return {
    wamid: m.id,
    waId: m.from,
    ...(name ? { name } : {}),
    type: m.type,
    ...(m.text ? { text: m.text.body } : {}),
    ...(buttonPayload !== undefined ? { buttonPayload } : {}),
    ...(buttonText !== undefined ? { buttonText } : {}),
    ...(m.context?.id ? { contextWamid: m.context.id } : {}),
    at: m.timestamp * 1000,
  };
}

/**
 * All statuses of one delivery in one transaction, committed with the other writes of this turn
 * (group-commit.ts: deliveries arriving together share a commit, and the outbox's `accepted` for a
 * Graph answer that arrived first is written first); events published after the commit.
 */
async function applyStatuses(deps: Deps, raw: unknown[], summary: WebhookSummary): Promise<void> {
  if (raw.length === 0) return;
  const { db } = deps;
  // The counts are returned, not added up inside: a batch that is run again must not count twice.
  const { changes, counts } = await groupCommit(db, () => {
    const changes: StatusChange[] = [];
    const counts = { applied: 0, ignored: 0, unmatched: 0, invalid: 0 };
    for (const item of raw) {
      const parsed = MetaStatus.safeParse(item);
      if (!parsed.success) {
        counts.invalid += 1;
        continue;
      }
      const outcome = applyStatus(deps, parsed.data);
      if (outcome === 'unmatched') counts.unmatched += 1;
      else if (outcome === null) counts.ignored += 1;
      else {
        counts.applied += 1;
        changes.push(outcome);
      }
    }
    return { changes, counts };
  });
  summary.statuses = counts;
  for (const c of changes) deps.events.publish(c);
}

function applyStatus(deps: Deps, s: MetaStatus): StatusChange | null | 'unmatched' {
  const { db } = deps;
  // Status columns only, read once and handed to moveMessage (no second read per status).
  let row = findStatusRowByWamid(db, s.id);
  if (!row && s.biz_opaque_callback_data) {
    // Our id: the Graph response (and its wamid) may never have reached us.
    const byId = getStatusRow(db, s.biz_opaque_callback_data);
    if (byId && byId.wamid === null) {
      setWamid(db, byId.id, s.id);
      row = byId;
    }
  }
  if (!row) return 'unmatched';
  const now = deps.clock.now();
  if (s.pricing?.type && s.pricing.category) {
    setPricing(db, row.id, { billable: s.pricing.billable ?? s.pricing.type === 'regular', type: s.pricing.type, category: s.pricing.category }, now, row.pricing_json);
  }
  const to = fromMetaStatus(s.status);
  if (!to) return null;
  const error = s.errors?.[0];
  const errorFields =
    to === 'failed'
      ? {
          errorCode: error?.code ?? null,
          errorReason:
            describeWhatsAppError(error?.code ?? null) ?? error?.error_data?.details ?? error?.message ?? error?.title ?? 'WhatsApp could not deliver this message.',
        }
      : {};
  // `at` is when we learned it: Meta's second-resolution timestamps would sort a `sent` before
  // the `accepted` we recorded a few milliseconds earlier.
  return moveMessage(db, row.id, to, { at: now, wamid: s.id, ...errorFields }, row);
}

function templatePatch(field: string, value: unknown, now: number): { key: { id: string }; patch: TemplatePatch; resync?: boolean } | null {
  switch (field) {
    case 'message_template_status_update': {
      const v = MetaTemplateStatusUpdate.safeParse(value);
      if (!v.success) return null;
      const event = v.data.event.toUpperCase();
      const title = v.data.other_info?.title?.toUpperCase();
      const category = TemplateCategory.safeParse(v.data.message_template_category);
      const patch: TemplatePatch = category.success ? { category: category.data } : {};
      if (event === 'REINSTATED' || event === 'UNARCHIVED' || title === 'UNPAUSE') patch.status = 'APPROVED';
      else {
        const status = TemplateStatus.safeParse(event);
        // FLAGGED, LOCKED, … are warnings, not statuses: nothing to change but the category.
        if (status.success) patch.status = status.data;
      }
      if (patch.status === 'PAUSED') patch.pausedUntil = title && PAUSE_MS[title] ? now + PAUSE_MS[title] : null;
      if (patch.status === 'REJECTED' && v.data.reason) patch.rejectedReason = v.data.reason;
      return { key: { id: v.data.message_template_id }, patch };
    }
    case 'template_category_update': {
      const v = MetaTemplateCategoryUpdate.safeParse(value);
      if (!v.success) return null;
      const patch: TemplatePatch = {};
      if (v.data.previous_category) {
        // Completed: Meta has recategorised it (a UTILITY now MARKETING is no longer sendable here).
        const category = TemplateCategory.safeParse(v.data.new_category);
        if (category.success) patch.category = category.data;
        patch.previousCategory = v.data.previous_category;
      } else if (v.data.correct_category) {
        // Impending: still the old category for now; admins see what it will become.
        patch.correctCategory = v.data.correct_category;
      }
      return { key: { id: v.data.message_template_id }, patch };
    }
    case 'message_template_quality_update': {
      const v = MetaTemplateQualityUpdate.safeParse(value);
      if (!v.success) return null;
      const score = v.data.new_quality_score.toUpperCase();
      const quality = score === 'GREEN' || score === 'YELLOW' || score === 'RED' ? score : 'UNKNOWN';
      return { key: { id: v.data.message_template_id }, patch: { quality } };
    }
    case 'message_template_components_update': {
      const v = MetaTemplateComponentsUpdate.safeParse(value);
      return v.success ? { key: { id: v.data.message_template_id }, patch: {}, resync: true } : null;
    }
    default:
      return null;
  }
}

function applyTemplateChange(deps: Deps, field: string, value: unknown): boolean {
  const now = deps.clock.now();
  const change = templatePatch(field, value, now);
  if (!change) return false;
  let updated: StoredTemplate | null = null;
  try {
    updated = patchTemplate(deps.db, change.key, change.patch, now);
  } catch (error) {
    deps.log.error('template webhook could not be applied', { field, error });
    return false;
  }
  // Template health: alerts for the panel and the audit entry (never throws).
  noteTemplateEvent(deps, field, value, updated);
  // A template we have never seen (created elsewhere) or whose text changed: fetch the full object
  // in the background — the webhook itself does not carry it.
  if (!updated || change.resync) void requestTemplateSync(deps);
  if (!updated) return false;
  const t = updated.template;
  deps.events.publish({ type: 'template.changed', templateId: t.id, name: t.name, language: t.language, status: t.status, category: t.category, at: now });
  return true;
}
