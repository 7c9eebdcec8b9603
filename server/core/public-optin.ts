/**
 * Double opt-in from a public page (`/optin/{slug}`). The form records a *pending* opt-in and asks
 * the customer, on WhatsApp, whether it was them (the `optin_confirmation` template in the page's
 * language); the opt-in is recorded only when they confirm from WhatsApp — ONAYLIYORUM / BAŞLA /
 * START at any time, or EVET / YES / TAMAM as the answer to the question, or a confirming quick
 * reply — with both the form submission and their reply as evidence. A stop instead declines every pending submission of that number.
 *
 * Abuse: the page answers the same whatever the number's state (no enumeration); submissions are
 * limited per client address and per number (`FORM_RATE`, `PHONE_RATE`), so typing a stranger's
 * number gets them one question at most, never a stream of messages.
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { ConsentRecord, ConsentTopic } from '../../shared/schemas/consent';
import type { TemplateValues } from '../../shared/schemas/values';
import { templateVariables } from '../../shared/templates/template-variables';
import { insertEntryPointOptin, insertWebOptin, pendingWebOptin, setWebOptinMessage, settleWebOptins, type EntryPointRow } from '../db/entry-points-repo';
import { getMessageRow, listMessagesForPhone } from '../db/messages-repo';
import type { DB } from '../db/open-db';
import { getTemplate } from '../db/templates-repo';
import type { Deps } from '../deps';
import { appendConsent, wordingEvidence } from './consent-ledger';
import { topicList } from './customer-texts';
import { topicsAfterSignup } from './entry-points';
import { foldings, type Language } from './keywords';
import { submitMessage, SYSTEM_ACTOR } from './send-message';
import { keyedHash, linkSecret } from './signed-links';
import { checkRate, commitRate, type RateRule } from './send-rate-limit';
import { DOUBLE_OPTIN_TEMPLATE } from './topic-gate';

/** How long a submission waits for the customer's WhatsApp confirmation. */
export const PENDING_TTL_MS = 48 * 3600_000;
/** Per client address, every public form POST: a burst of 10, then one a minute. */
export const FORM_RATE: RateRule = { intervalMs: 60_000, burst: 10 };
/** Per number: three questions, then one every 8 hours. */
export const PHONE_RATE: RateRule = { intervalMs: 8 * 3600_000, burst: 3 };

/** Takes one slot under `key` if there is one (GCRA in the shared rate_limits table). */
export function takeRate(db: DB, key: string, now: number, rule: RateRule): { ok: true } | { ok: false; retryAfterMs: number } {
  return db
    .transaction(() => {
      const check = checkRate(db, key, now, rule);
      if (!check.ok) return check;
      commitRate(db, [check]);
      return { ok: true as const };
    })
    .immediate();
}

export type WebSubmission = {
  entryPoint: EntryPointRow;
  phone: string;
  name: string | null;
  topics: ConsentTopic[];
  language: Language;
  ipHash: string | null;
  userAgent: string | null;
};

/**
 * Records the pending opt-in and queues the confirmation question. Resolves once it is queued; the
 * page's answer does not depend on anything decided here (same page for every number).
 */
export async function submitWebOptin(deps: Deps, s: WebSubmission): Promise<{ status: 'asked' | 'limited' | 'not_sent'; id: string | null }> {
  const now = deps.clock.now();
  // Keyed by a hash: the rate-limit table must not keep the number itself (erasure).
  const phoneKey = keyedHash(linkSecret(deps.config), 'phone-rate', s.phone);
  if (!takeRate(deps.db, `optin-phone:${phoneKey}`, now, PHONE_RATE).ok) {
    deps.log.info('web opt-in: too many submissions for this number, nothing sent', { entryPointId: s.entryPoint.id });
    return { status: 'limited', id: null };
  }
  const id = `wo_${randomUUID()}`;
  insertWebOptin(deps.db, {
    id,
    entryPointId: s.entryPoint.id,
    phone: s.phone,
    name: s.name,
    topics: s.topics,
    wordingId: s.entryPoint.wordingIds[s.language],
    language: s.language,
    ipHash: s.ipHash,
    userAgent: s.userAgent,
    submittedAt: now,
    expiresAt: now + PENDING_TTL_MS,
  });
  const request = confirmationRequest(deps.db, s.language, s.name, s.topics);
  if (!request) {
    deps.log.warn('web opt-in: no usable optin_confirmation template; the customer can still confirm by writing BAŞLA/START', { id });
    return { status: 'not_sent', id };
  }
  const sent = await submitMessage(deps, SYSTEM_ACTOR, `web-optin:${id}`, { phone: s.phone, template: request.template, values: request.values }, {
    purpose: 'optin_confirmation',
    waitForRate: true,
  });
  if (!sent.ok) {
    // Opted-out numbers land here (the gate refuses): nothing is sent, the page says the same.
    deps.log.info('web opt-in: confirmation question not sent', { id, code: sent.error.code, reason: sent.error.message });
    return { status: 'not_sent', id };
  }
  setWebOptinMessage(deps.db, id, sent.value.message.id);
  return { status: 'asked', id };
}

/** The confirmation template in the page's language (else the other one) and its values. */
function confirmationRequest(db: DB, language: Language, name: string | null, topics: ConsentTopic[]) {
  for (const lang of language === 'tr' ? (['tr', 'en'] as const) : (['en', 'tr'] as const)) {
    const stored = getTemplate(db, DOUBLE_OPTIN_TEMPLATE, lang);
    if (!stored || stored.template.status !== 'APPROVED') continue;
    // Body placeholders in order: the customer's name, then what they signed up for.
    const fill = [name?.trim() || (lang === 'tr' ? 'değerli müşterimiz' : 'there'), topicList(topics, lang)];
    const values: TemplateValues = {};
    for (const v of templateVariables(stored.template)) {
      if (v.location === 'body' && fill.length) values[v.key] = fill.shift()!;
    }
    return { template: { name: DOUBLE_OPTIN_TEMPLATE, language: lang }, values };
  }
  return null;
}

/** Say "yes, it was me" whatever came before. */
const STRONG_WORDS = ['ONAY', 'ONAYLA', 'ONAYLIYORUM', 'EVET ONAYLIYORUM', 'KABUL EDİYORUM', 'BAŞLA', 'CONFIRM', 'I CONFIRM', 'YES I CONFIRM', 'I AGREE', 'START', 'KOPRU_CONFIRM'];
/**
 * Everyday words ("Tamam", "OK") that confirm only as the answer to the question: a reply to it
 * (context), or while it is the newest message we sent — not in the middle of a chat with an agent.
 */
const WEAK_WORDS = ['EVET', 'TAMAM', 'KABUL', 'OLUR', 'YES', 'OK', 'OKAY', 'AGREE', 'CONFIRMED'];
const formsOf = (words: string[]) => new Set(words.flatMap((w) => [...foldings(w)]));
const STRONG = formsOf(STRONG_WORDS);
const WEAK = formsOf(WEAK_WORDS);

/** Whether a reply (text, or a quick reply's payload/label) confirms, and how strongly. */
export function confirmationStrength(m: { text?: string; buttonPayload?: string; buttonText?: string }): 'strong' | 'weak' | null {
  const forms = [m.buttonPayload, m.buttonText, m.text].flatMap((s) => (s !== undefined && s.length <= 40 ? [...foldings(s)] : []));
  if (forms.some((f) => STRONG.has(f))) return 'strong';
  if (forms.some((f) => WEAK.has(f))) return 'weak';
  return null;
}

/**
 * The customer confirmed a pending submission from WhatsApp: records the opt-in (method
 * `web_form`, the entry point's source) inside the inbound transaction. Null when nothing was pending.
 */
export function confirmWebOptin(
  db: DB,
  deps: Pick<Deps, 'config'>,
  m: { phone: string; wamid: string; text?: string; buttonPayload?: string; buttonText?: string; contextWamid?: string; now: number },
  entryPoint: (id: string) => EntryPointRow | null,
): { record: ConsentRecord; entryPoint: EntryPointRow; language: Language } | null {
  const strength = confirmationStrength(m);
  if (!strength) return null;
  const pending = pendingWebOptin(db, m.phone, m.now);
  if (!pending) return null;
  const e = entryPoint(pending.entryPointId);
  if (!e) return null;
  const question = pending.messageId ? getMessageRow(db, pending.messageId) : null;
  if (strength === 'weak') {
    const answersQuestion = question?.wamid != null && m.contextWamid === question.wamid;
    const questionIsNewest = question !== null && listMessagesForPhone(db, m.phone, 1)[0]?.id === question.id;
    if (!answersQuestion && !questionIsNewest) return null;
  }
  const wording = wordingEvidence(db, pending.wordingId, deps.config.businessName);
  const { topics, added } = topicsAfterSignup(db, m.phone, pending.topics);
  const record = appendConsent(db, m.now, {
    phone: m.phone,
    action: 'opt_in',
    method: 'web_form',
    topics,
    wordingId: pending.wordingId,
    evidence: {
      source: e.source,
      entryPointId: e.id,
      entryPointName: e.name,
      channel: 'web_form',
      submission: { id: pending.id, submittedAt: pending.submittedAt, ipHash: pending.ipHash, userAgent: pending.userAgent, language: pending.language },
      confirmationMessage: question ? { id: question.id, wamid: question.wamid } : null,
      confirmation: {
        inboundMessageId: m.wamid,
        text: m.text ?? m.buttonText ?? null,
        payload: m.buttonPayload ?? null,
        contextWamid: m.contextWamid ?? null,
      },
      topicsAsked: pending.topics,
      topicsAdded: added,
      ...(wording ? { wording } : {}),
    },
  });
  insertEntryPointOptin(db, { consentId: record.id, entryPointId: e.id, phone: m.phone, channel: 'web_form', at: m.now });
  settleWebOptins(db, m.phone, { status: 'confirmed', consentId: record.id, wamid: m.wamid, at: m.now });
  return { record, entryPoint: e, language: pending.language };
}

/** A stop while submissions are pending: none of them may become an opt-in later. */
export const declineWebOptins = (db: DB, phone: string, wamid: string, now: number): number =>
  settleWebOptins(db, phone, { status: 'declined', consentId: null, wamid, at: now });
