/**
 * "Continue on WhatsApp". An agent records the customer's request (who asked, when, from which
 * channel and ticket). When the customer has opted in and an approved `whatsapp_handoff` template
 * exists in their language, it is sent through the normal send path; otherwise — or as well — the
 * customer gets a wa.me link / QR with a code. The customer's first WhatsApp message carrying the
 * code (or their first reply to the hand-off template) links the conversation to the ticket.
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { HandoffInput } from '../../shared/schemas/handoff';
import type { TemplateValues } from '../../shared/schemas/values';
import { err, ok, type Result } from '../../shared/result';
import { templateSlots } from '../../shared/templates/template-parts';
import { templateVariables } from '../../shared/templates/template-variables';
import { getHandoff, insertHandoff, setHandoffSent, type HandoffRow } from '../db/handoffs-repo';
import { getTemplate, isUsable, type StoredTemplate } from '../db/templates-repo';
import type { Deps } from '../deps';
import type { ApiError } from '../errors';
import { consentState } from './consent-ledger';
import { languageForPhone, type Language } from './keywords';
import { uniqueCode } from './optin-codes';
import { businessChatLink, qrSvg } from './qr';
import type { Actor } from './gate';
import { submitMessage } from './send-message';

export const HANDOFF_TEMPLATE = 'whatsapp_handoff';
/** A customer may come back to a hand-off link days later (an email read on Monday). */
export const HANDOFF_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Meta locales to try for each language, most specific to Köprü's usual naming first. */
const LOCALES: Record<Language, string[]> = { tr: ['tr', 'tr_TR'], en: ['en', 'en_US', 'en_GB'] };

export function handoffPrefill(code: string, ticketId: string, language: Language, businessName: string): string {
  return language === 'tr'
    ? `Merhaba ${businessName}, ${ticketId} numaralı talebime WhatsApp'tan devam etmek istiyorum. Kod: ${code}`
    : `Hi ${businessName}, I'd like to continue request ${ticketId} on WhatsApp. Code: ${code}`;
}

export type CreateHandoffInput = Omit<HandoffInput, 'phone'> & { phone?: string /* E.164 */ };

/** Why the template was not sent, when the customer must use the link instead. */
export type TemplateSkip = { code: string; message: string };

export async function createHandoff(
  deps: Deps,
  actor: Actor,
  input: CreateHandoffInput,
): Promise<{ handoff: HandoffRow; templateSkipped: TemplateSkip | null }> {
  const { db, config } = deps;
  const now = deps.clock.now();
  const language: Language = input.language ?? (input.phone ? languageForPhone(input.phone) : config.defaultRegion === 'TR' ? 'tr' : 'en');
  const code = uniqueCode(db);
  const link = businessChatLink(config, handoffPrefill(code, input.ticket.id, language, config.businessName));
  const id = `hnd_${randomUUID()}`;
  insertHandoff(db, {
    id,
    code,
    channel: input.channel,
    phone: input.phone ?? null,
    requestedBy: input.requestedBy ?? null,
    customerName: input.customerName ?? null,
    language,
    agentId: actor.id,
    ticket: input.ticket,
    status: 'awaiting_customer',
    messageId: null,
    waMeLink: link,
    qrSvg: await qrSvg(link),
    createdAt: now,
    expiresAt: now + HANDOFF_TTL_MS,
  });

  const sent = input.phone ? await sendHandoffTemplate(deps, actor, getHandoff(db, id)!, input.phone) : err({ code: 'NO_PHONE', message: 'No phone number was given.' });
  if (sent.ok) setHandoffSent(db, id, sent.value);
  return { handoff: getHandoff(db, id)!, templateSkipped: sent.ok ? null : sent.error };
}

async function sendHandoffTemplate(deps: Deps, actor: Actor, h: HandoffRow, phone: string): Promise<Result<string, TemplateSkip>> {
  const consent = consentState(deps.db, phone, { historyLimit: 0 });
  if (consent.status !== 'opted_in') {
    return err({ code: consent.status === 'opted_out' ? 'OPTED_OUT' : 'NO_CONSENT', message: 'The customer has not opted in, so only the link can be offered.' });
  }
  const now = deps.clock.now();
  const stored = LOCALES[h.language].map((l) => getTemplate(deps.db, HANDOFF_TEMPLATE, l)).find((t) => t !== null && isUsable(t, now));
  if (!stored) {
    return err({ code: 'TEMPLATE_NOT_USABLE', message: `No approved utility template "${HANDOFF_TEMPLATE}" in ${h.language}.` });
  }
  const values = handoffValues(stored, h);
  if (!values) {
    return err({ code: 'INVALID_VALUES', message: `The "${HANDOFF_TEMPLATE}" template asks for values a hand-off cannot fill.` });
  }
  const result = await submitMessage(
    deps,
    actor,
    `handoff:${h.id}`,
    { phone, template: { name: HANDOFF_TEMPLATE, language: stored.template.language }, values, ticket: h.ticket },
    { purpose: 'handoff' },
  );
  if (!result.ok) return err(describe(result.error));
  return ok(result.value.message.id);
}

const describe = (e: ApiError): TemplateSkip => ({ code: e.code, message: e.message });

/**
 * Fills the hand-off template from what a hand-off knows: the customer's name and the ticket id.
 * Quick-reply payloads carry the hand-off code, so a tap links the conversation even without typing.
 * Null when the template needs anything else (the link is offered instead).
 */
export function handoffValues(stored: StoredTemplate, h: Pick<HandoffRow, 'customerName' | 'ticket' | 'language' | 'code'>): TemplateValues | null {
  const values: TemplateValues = {};
  const payloadKeys = new Set(templateSlots(stored.template).filter((s) => s.slot === 'payload').map((s) => s.key));
  for (const v of templateVariables(stored.template)) {
    if (payloadKeys.has(v.key)) {
      values[v.key] = h.code;
      continue;
    }
    if (v.kind === 'name') values[v.key] = h.customerName?.trim() || (h.language === 'tr' ? 'Değerli müşterimiz' : 'there');
    else if (v.kind === 'ticket_id') values[v.key] = h.ticket.id;
    else if (v.required) return null;
  }
  return values;
}
