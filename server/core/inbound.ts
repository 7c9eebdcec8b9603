/**
 * What a customer's WhatsApp message does on our side, once per message (Meta delivers webhooks at
 * least once; the wamid is the key). In one transaction: store it, open/extend the service window,
 * and act on it — an opt-out/opt-in keyword or button becomes a consent record with the message as
 * evidence, an opt-in code becomes a `qr_code` opt-in, a hand-off code (or the first reply to a
 * hand-off template) links the hand-off. After the commit: events for the panels, then the short
 * confirmation to the customer through the normal send path, keyed by the inbound wamid so a
 * replayed webhook can never send it twice.
 * @module
 */
import type { ConsentRecord } from '../../shared/schemas/consent';
import type { LiveEvent } from '../../shared/schemas/live-event';
import { parsePhone } from '../../shared/phone/parse-phone';
import { SERVICE_WINDOW_MS } from '../../shared/window/service-window';
import { lastConsentByMethod } from '../db/consents-repo';
import { touchContactInbound } from '../db/contacts-repo';
import { getHandoffByCode, listWaitingForReply, markHandoffLinked } from '../db/handoffs-repo';
import { insertInboundIfNew } from '../db/inbound-repo';
import { findMessageRowByWamid } from '../db/messages-repo';
import type { DB } from '../db/open-db';
import { currentWording } from '../db/wordings-repo';
import type { Deps } from '../deps';
import { appendConsent, publishConsentChanged, recordConsent, renderWording } from './consent-ledger';
import { applyCustomerInbound, sendCustomerReply, type CustomerOutcome } from './customer-inbound';
import { languageForPhone, matchButton, matchKeyword, type Language } from './keywords';
import { findCodes, redeemOptinCode } from './optin-codes';
import { submitMessage, SYSTEM_ACTOR } from './send-message';

export type InboundMessage = {
  wamid: string;
  waId: string;
  name?: string;
  type: string;
  text?: string;
  buttonPayload?: string;
  buttonText?: string;
  contextWamid?: string;
  /** When the customer sent it (ms epoch, from the webhook's timestamp). */
  at: number;
};

type Confirmation = { kind: 'opt_out' | 'opt_in'; language: Language; wordingText: string };
type Outcome = { phone: string; events: LiveEvent[]; consents: ConsentRecord[]; confirmation: Confirmation | null; customerReply: CustomerOutcome['reply'] };

/** WhatsApp ids are international digits; parsePhone gives the canonical E.164 we key contacts by. */
export function phoneOfWaId(waId: string): string {
  const parsed = parsePhone(`+${waId.replace(/\D/g, '')}`);
  return parsed.ok ? parsed.e164 : `+${waId.replace(/\D/g, '')}`;
}

export async function handleInboundMessage(deps: Deps, m: InboundMessage): Promise<void> {
  const outcome = deps.db.transaction(() => applyInbound(deps, m)).immediate();
  if (!outcome) {
    deps.log.debug('inbound message already handled', { wamid: m.wamid });
    return;
  }
  for (const e of outcome.events) deps.events.publish(e);
  for (const r of outcome.consents) publishConsentChanged(deps, r);
  if (outcome.confirmation) await sendConfirmation(deps, outcome.phone, m.wamid, outcome.confirmation);
  await sendCustomerReply(deps, outcome.phone, m.wamid, outcome.customerReply);
}

function applyInbound(deps: Deps, m: InboundMessage): Outcome | null {
  const { db, config } = deps;
  const now = deps.clock.now();
  const phone = phoneOfWaId(m.waId);
  const isButton = m.buttonPayload !== undefined || m.buttonText !== undefined;
  const stored = insertInboundIfNew(db, {
    wamid: m.wamid,
    waId: m.waId,
    phone,
    type: m.type,
    text: m.text ?? m.buttonText ?? null,
    payload: isButton || m.contextWamid ? { buttonPayload: m.buttonPayload, buttonText: m.buttonText, contextWamid: m.contextWamid } : null,
    receivedAt: now,
  });
  if (!stored) return null;

  // The window runs from when the customer wrote; a timestamp from the future (a skewed or forged
  // clock, even in a signed payload) must not hold the window open beyond 24 h from now.
  const contact = touchContactInbound(db, { phone, waId: m.waId, name: m.name, at: Math.min(m.at, now), now });
  const events: LiveEvent[] = [
    {
      type: 'contact.inbound',
      phone,
      windowExpiresAt: (contact.lastInboundAt ?? m.at) + SERVICE_WINDOW_MS,
      ...(m.text !== undefined ? { text: m.text } : m.buttonText !== undefined ? { text: m.buttonText } : {}),
      at: m.at,
    },
  ];
  const consents: ConsentRecord[] = [];
  let confirmation: Confirmation | null = null;
  const evidenceBase = { inboundMessageId: m.wamid };

  // 0. The customer side (entry-point codes, web opt-in confirmations, AYARLAR, survey answers).
  const customer = applyCustomerInbound(deps, m, { phone, now });
  events.push(...customer.events);
  consents.push(...customer.consents);

  // 1. A stop/start keyword or button.
  const match = customer.consumed ? null : isButton
    ? matchButton({ payload: m.buttonPayload, text: m.buttonText }, config)
    : m.text !== undefined
      ? matchKeyword(m.text, config)
      : null;
  if (match) {
    const language = match.language ?? languageForPhone(phone);
    const wording = match.intent === 'opt_in' ? currentWording(db, language) : null;
    const record = appendConsent(db, now, {
      phone,
      action: match.intent,
      method: isButton ? 'whatsapp_button' : 'whatsapp_keyword',
      ...(wording ? { wordingId: wording.id } : {}),
      evidence: isButton
        ? { ...evidenceBase, text: m.buttonText ?? null, payload: m.buttonPayload ?? null, contextWamid: m.contextWamid ?? null, keyword: match.keyword }
        : { ...evidenceBase, text: m.text, keyword: match.keyword },
    });
    consents.push(record);
    confirmation = { kind: match.intent, language, wordingText: wording ? renderWording(wording, config.businessName).text : '' };
  }

  // 2. Codes: an opt-in code proves consent from this number; a hand-off code links the hand-off.
  const searchable = [m.text, m.buttonPayload, m.buttonText].filter((s): s is string => !!s).join('\n');
  let linked = false;
  for (const code of findCodes(searchable)) {
    if (!confirmation && !customer.consumed) {
      const redeemed = redeemOptinCode(db, config.businessName, { code, phone, wamid: m.wamid, text: searchable, at: m.at, now });
      if (redeemed) {
        consents.push(redeemed.record);
        events.push({ type: 'optin.confirmed', code, phone, at: now });
        confirmation = { kind: 'opt_in', language: redeemed.language, wordingText: redeemed.wordingText };
        continue;
      }
    }
    const h = getHandoffByCode(db, code);
    if (h && m.at < h.expiresAt && markHandoffLinked(db, h.id, { phone, waId: m.waId, wamid: m.wamid, at: now })) {
      events.push({ type: 'handoff.linked', handoffId: h.id, phone, at: now });
      linked = true;
    }
  }

  // 3. The first reply to a hand-off template links it: the reply's context names our message, or
  //    else the newest hand-off still waiting for this customer.
  if (!linked) {
    const waiting = listWaitingForReply(db, phone, m.at);
    const repliedTo = m.contextWamid ? findMessageRowByWamid(db, m.contextWamid)?.id : undefined;
    const h = waiting.find((w) => w.messageId !== null && w.messageId === repliedTo) ?? waiting[0];
    if (h && markHandoffLinked(db, h.id, { phone, waId: m.waId, wamid: m.wamid, at: now })) {
      events.push({ type: 'handoff.linked', handoffId: h.id, phone, at: now });
    }
  }
  return { phone, events, consents, confirmation, customerReply: customer.reply };
}

/** The short reply a customer gets after a stop or start, in their language. */
export function confirmationText(c: Confirmation, businessName: string): string {
  if (c.kind === 'opt_out') {
    return c.language === 'tr'
      ? `${businessName}: WhatsApp bildirimlerini durdurduk, size artık mesaj göndermeyeceğiz. Yeniden almak isterseniz BAŞLA yazmanız yeterli.`
      : `${businessName}: You're unsubscribed and won't get WhatsApp messages from us anymore. Reply START if you change your mind.`;
  }
  const intro = c.language === 'tr' ? 'Teşekkürler! WhatsApp bildirimleriniz açıldı.' : 'Thanks! WhatsApp updates are now on.';
  return c.wordingText ? `${intro}\n\n${c.wordingText}` : `${businessName}: ${intro}`;
}

async function sendConfirmation(deps: Deps, phone: string, wamid: string, c: Confirmation): Promise<void> {
  const purpose = c.kind === 'opt_out' ? 'optout_confirmation' : 'optin_confirmation';
  const key = `${c.kind === 'opt_out' ? 'optout' : 'optin'}-confirm:${wamid}`;
  try {
    const result = await submitMessage(deps, SYSTEM_ACTOR, key, { phone, text: confirmationText(c, deps.config.businessName) }, { purpose, waitForRate: true });
    if (!result.ok) deps.log.warn('consent confirmation not sent', { wamid, purpose, code: result.error.code, reason: result.error.message });
  } catch (error) {
    deps.log.error('consent confirmation failed', { wamid, purpose, error });
  }
}

/**
 * Meta's in-app marketing preference (`user_preferences`, reference §6.2): "stop" opts the customer
 * out of the `marketing` topic only. Meta's stop covers marketing messages; utility consent given to
 * the business is unaffected (see consent-ledger's derivation), and the customer's own STOP is what
 * stops utility messages. A repeat of the same event (same value and time) records nothing.
 */
export function handleUserPreference(deps: Deps, p: { waId: string; value: 'stop' | 'resume'; detail?: string; at: number }): void {
  const phone = phoneOfWaId(p.waId);
  const action = p.value === 'stop' ? 'opt_out' : 'opt_in';
  if (isRepeatPreference(deps.db, phone, action, p.at)) return;
  recordConsent(deps, {
    phone,
    action,
    method: 'meta_preferences',
    topics: ['marketing'],
    evidence: { source: 'user_preferences', value: p.value, detail: p.detail ?? null, at: p.at },
  });
}

function isRepeatPreference(db: DB, phone: string, action: 'opt_in' | 'opt_out', at: number): boolean {
  const last = lastConsentByMethod(db, phone, 'meta_preferences');
  return last !== null && last.action === action && last.evidence?.at === at;
}
