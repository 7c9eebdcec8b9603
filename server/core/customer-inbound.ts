/**
 * The customer side of an inbound WhatsApp message (issue 7), called once per message from inside
 * the inbound transaction (`server/core/inbound.ts`), before the stop/start keywords:
 * 1. a stop (keyword or button) declines pending web opt-ins — the keyword handler records it;
 * 2. a quick-reply tap on one of our feedback templates is a survey answer;
 * 3. an entry point's code opts the customer in with that entry point's source;
 * 4. a confirmation (ONAYLIYORUM, EVET…) settles a pending web opt-in — double opt-in done;
 * 5. AYARLAR / SETTINGS gets the customer their preference-centre link.
 * Steps 2–5 consume the message (the keyword handler then leaves it alone, so START confirming a
 * web sign-up is one opt-in, not two). Replies go out after the commit through `submitMessage`,
 * keyed by the inbound wamid, so a replayed webhook never sends twice.
 * @module
 */
import type { ConsentRecord } from '../../shared/schemas/consent';
import type { LiveEvent } from '../../shared/schemas/live-event';
import { getEntryPoint } from '../db/entry-points-repo';
import type { Deps } from '../deps';
import { optinConfirmedText, preferencesLinkText } from './customer-texts';
import { redeemEntryCode } from './entry-points';
import type { InboundMessage } from './inbound';
import { matchButton, matchKeyword, type Language } from './keywords';
import { KEYWORD_LINK_TTL_MS, matchPreferencesKeyword, preferenceUrl } from './preference-center';
import { confirmWebOptin, declineWebOptins } from './public-optin';
import { submitMessage, SYSTEM_ACTOR, type SendPurpose } from './send-message';
import { recordSurveyAnswer } from './survey-answers';

export type CustomerOutcome = {
  /** True when this message was handled here and the keyword/code steps must skip it. */
  consumed: boolean;
  events: LiveEvent[];
  consents: ConsentRecord[];
  /** The reply to send after the transaction commits. */
  reply: { key: string; text: string; purpose?: SendPurpose } | null;
};

const NOTHING: CustomerOutcome = { consumed: false, events: [], consents: [], reply: null };

export function applyCustomerInbound(deps: Deps, m: InboundMessage, ctx: { phone: string; now: number }): CustomerOutcome {
  const { db, config } = deps;
  const { phone, now } = ctx;
  const isButton = m.buttonPayload !== undefined || m.buttonText !== undefined;
  const keyword = isButton ? matchButton({ payload: m.buttonPayload, text: m.buttonText }, config) : m.text !== undefined ? matchKeyword(m.text, config) : null;
  if (keyword?.intent === 'opt_out') {
    declineWebOptins(db, phone, m.wamid, now);
    return NOTHING;
  }

  if (isButton && m.contextWamid && recordSurveyAnswer(db, { contextWamid: m.contextWamid, phone, buttonText: m.buttonText, buttonPayload: m.buttonPayload, wamid: m.wamid, at: m.at })) {
    return { ...NOTHING, consumed: true };
  }

  const text = [m.text, m.buttonPayload, m.buttonText].filter((s): s is string => !!s).join('\n');
  const business = config.businessName;
  const redeemed = text ? redeemEntryCode(db, business, { text, phone, wamid: m.wamid, now }) : null;
  if (redeemed) {
    return {
      consumed: true,
      events: [{ type: 'optin.confirmed', code: redeemed.entryPoint.code, phone, at: now }],
      consents: [redeemed.record],
      reply: confirmed(m.wamid, 'entry-optin-confirm', business, redeemed.record, redeemed.language),
    };
  }

  const confirmedWeb = confirmWebOptin(db, deps, { phone, wamid: m.wamid, text: m.text, buttonPayload: m.buttonPayload, buttonText: m.buttonText, contextWamid: m.contextWamid, now }, (id) =>
    getEntryPoint(db, id),
  );
  if (confirmedWeb) {
    return {
      consumed: true,
      events: [],
      consents: [confirmedWeb.record],
      reply: confirmed(m.wamid, 'web-optin-confirm', business, confirmedWeb.record, confirmedWeb.language),
    };
  }

  const settingsLanguage = !isButton && m.text !== undefined ? matchPreferencesKeyword(m.text) : null;
  if (settingsLanguage) {
    const url = preferenceUrl(deps, phone, KEYWORD_LINK_TTL_MS);
    return {
      ...NOTHING,
      consumed: true,
      reply: { key: `prefs-link:${m.wamid}`, text: preferencesLinkText({ business, url, language: settingsLanguage, validHours: KEYWORD_LINK_TTL_MS / 3600_000 }) },
    };
  }
  return NOTHING;
}

const confirmed = (wamid: string, kind: string, business: string, record: ConsentRecord, language: Language): CustomerOutcome['reply'] => ({
  key: `${kind}:${wamid}`,
  text: optinConfirmedText({ business, topics: record.topics, language }),
  purpose: 'optin_confirmation',
});

/** Sends the reply decided in the transaction (never throws: a failed reply is logged). */
export async function sendCustomerReply(deps: Deps, phone: string, wamid: string, reply: CustomerOutcome['reply']): Promise<void> {
  if (!reply) return;
  try {
    const result = await submitMessage(deps, SYSTEM_ACTOR, reply.key, { phone, text: reply.text }, { ...(reply.purpose ? { purpose: reply.purpose } : {}), waitForRate: true });
    if (!result.ok) deps.log.warn('customer-side reply not sent', { wamid, code: result.error.code, reason: result.error.message });
  } catch (error) {
    deps.log.error('customer-side reply failed', { wamid, error });
  }
}
