/**
 * Customer-proof opt-in. An agent creates a short code (`KOPRU-7F3KQ`) shown as a QR / wa.me link;
 * the customer sends it from their own WhatsApp, which proves both the number and the intent. The
 * inbound handler then records the opt-in (method `qr_code`) with that message as evidence.
 *
 * Codes use an alphabet without look-alikes (no 0/O, 1/I/L) so one read aloud or retyped survives,
 * and they share one namespace with hand-off codes because both are found in the same messages.
 * @module
 */
import { randomInt } from 'node:crypto';
import type { ConsentRecord, ConsentTopic, OptinCode } from '../../shared/schemas/consent';
import type { TicketRef } from '../../shared/schemas/ticket-ref';
import { err, ok, type Result } from '../../shared/result';
import { codeInUse, getOptinCode, insertOptinCode, markOptinCodeConfirmed } from '../db/optin-codes-repo';
import type { DB } from '../db/open-db';
import { currentWording, getWording } from '../db/wordings-repo';
import type { Deps } from '../deps';
import { ApiError } from '../errors';
import { appendConsent, DEFAULT_OPTIN_TOPICS, renderWording, wordingEvidence } from './consent-ledger';
import { languageForPhone, type Language } from './keywords';
import { businessChatLink, qrSvg } from './qr';

/** Long enough to scan at the counter today or answer an email tomorrow; single use either way. */
export const OPTIN_CODE_TTL_MS = 24 * 60 * 60 * 1000;

const PREFIX = 'KOPRU';
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 5;

export function newCode(): string {
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${PREFIX}-${s}`;
}

/** A code no opt-in or hand-off uses yet (31^5 ≈ 28.6 M codes, so a retry is already rare). */
export function uniqueCode(db: DB): string {
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = newCode();
    if (!codeInUse(db, code)) return code;
  }
  throw new Error('Could not find an unused code after 20 attempts.');
}

/**
 * Codes in a customer message, canonical (`KOPRU-7F3KQ`). Tolerates what people do to a prefilled
 * text: lower case, "Köprü", a space or no dash between prefix and code.
 */
export function findCodes(text: string): string[] {
  const ascii = text.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
  const found = new Set<string>();
  for (const m of ascii.matchAll(/(?<![A-Z0-9])KOPRU[\s\-–—_:]*([A-Z0-9]{5})(?![A-Z0-9])/g)) found.add(`${PREFIX}-${m[1]}`);
  return [...found];
}

export function optinPrefill(code: string, language: Language, businessName: string): string {
  return language === 'tr'
    ? `Merhaba! ${businessName} bildirimlerini WhatsApp'tan almak istiyorum. Onay kodum: ${code}`
    : `Hi! I'd like to get updates from ${businessName} on WhatsApp. My code: ${code}`;
}

export type CreateOptinCodeInput = {
  /** E.164 of the number the agent expects, when known. */
  phone?: string;
  topics?: ConsentTopic[];
  wordingId?: string;
  language?: Language;
  ticket?: TicketRef;
};

export async function createOptinCode(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  agentId: string,
  input: CreateOptinCodeInput,
): Promise<Result<OptinCode, ApiError>> {
  const { db, config } = deps;
  const fallbackLanguage: Language = input.phone ? languageForPhone(input.phone) : config.defaultRegion === 'TR' ? 'tr' : 'en';
  const wording = input.wordingId ? getWording(db, input.wordingId) : currentWording(db, input.language ?? fallbackLanguage);
  if (!wording) {
    return err(new ApiError('VALIDATION_FAILED', 'The request json is not valid.', [{ path: 'wordingId', message: 'No consent wording has this id.' }]));
  }
  const language = input.language ?? wording.language;
  const now = deps.clock.now();
  const code = uniqueCode(db);
  const link = businessChatLink(config, optinPrefill(code, language, config.businessName));
  const expiresAt = now + OPTIN_CODE_TTL_MS;
  insertOptinCode(db, {
    code,
    phone: input.phone ?? null,
    topics: input.topics?.length ? input.topics : DEFAULT_OPTIN_TOPICS,
    wordingId: wording.id,
    language,
    agentId,
    ticket: input.ticket ?? null,
    waMeLink: link,
    createdAt: now,
    expiresAt,
  });
  return ok({ code, waMeLink: link, qrSvg: await qrSvg(link), expiresAt });
}

export type OptinCodeStatus = {
  code: string;
  status: 'pending' | 'confirmed' | 'expired';
  /** The number that confirmed it, or the number the agent expected while still pending. */
  phone: string | null;
  expectedPhone: string | null;
  wording: { id: string; language: Language; text: string };
  expiresAt: number;
  confirmedAt: number | null;
  consentId: string | null;
};

export function optinCodeStatus(deps: Pick<Deps, 'db' | 'clock' | 'config'>, code: string): OptinCodeStatus | null {
  const c = getOptinCode(deps.db, code);
  if (!c) return null;
  const w = getWording(deps.db, c.wordingId);
  const status = c.confirmedAt !== null ? 'confirmed' : deps.clock.now() >= c.expiresAt ? 'expired' : 'pending';
  return {
    code: c.code,
    status,
    phone: c.confirmedPhone ?? c.phone,
    expectedPhone: c.phone,
    wording: { id: c.wordingId, language: c.language, text: w ? renderWording(w, deps.config.businessName).text : '' },
    expiresAt: c.expiresAt,
    confirmedAt: c.confirmedAt,
    consentId: c.consentId,
  };
}

/**
 * Records the opt-in a customer proved by sending `code` (call inside the inbound transaction).
 * Null when the code is unknown, already used or had expired when the message was sent. The sender's
 * number is what gets opted in — they proved it by writing from it — and a different number than
 * the agent expected is kept in the evidence.
 */
export function redeemOptinCode(
  db: DB,
  businessName: string,
  m: { code: string; phone: string; wamid: string; text: string; at: number; now: number },
): { record: ConsentRecord; language: Language; wordingText: string } | null {
  const c = getOptinCode(db, m.code);
  if (!c || c.confirmedAt !== null || m.at >= c.expiresAt) return null;
  const wording = wordingEvidence(db, c.wordingId, businessName);
  const record = appendConsent(db, m.now, {
    phone: m.phone,
    action: 'opt_in',
    method: 'qr_code',
    topics: c.topics,
    wordingId: c.wordingId,
    agentId: c.agentId,
    ...(c.ticket ? { ticket: c.ticket } : {}),
    evidence: {
      inboundMessageId: m.wamid,
      text: m.text,
      code: c.code,
      ...(wording ? { wording } : {}),
      ...(c.phone && c.phone !== m.phone ? { expectedPhone: c.phone } : {}),
    },
  });
  markOptinCodeConfirmed(db, c.code, { phone: m.phone, consentId: record.id, wamid: m.wamid, at: m.now });
  return { record, language: c.language, wordingText: typeof wording?.text === 'string' ? wording.text : '' };
}
