/**
 * Opt-in entry points. An admin names one (a website pop-up, the QR code on packaging, …); it gets a
 * keyword code, a wa.me link with the code prefilled, a QR code of that link, a printable card and,
 * for web sources, a public double opt-in page. When a customer's WhatsApp message carries the code,
 * the opt-in is recorded with that source and the message as evidence (`redeemEntryCode`).
 *
 * Codes are `KOPRU-` + six characters of the opt-in codes' look-alike-free alphabet: one more
 * character than opt-in and hand-off codes, so the two kinds can never be confused in a message,
 * and an entry-point code is permanent (printed on packaging) where those are single-use.
 * @module
 */
import { randomInt, randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import type { ConsentRecord, ConsentTopic } from '../../shared/schemas/consent';
import { isWebSource, type EntryPoint, type EntryPointInput, type EntryPointSource } from '../../shared/schemas/entry-point';
import { err, ok, type Result } from '../../shared/result';
import { listConsentsForPhone } from '../db/consents-repo';
import {
  entryCodeInUse,
  entryPointCounts,
  getEntryPointByCode,
  insertEntryPoint,
  insertEntryPointOptin,
  slugInUse,
  type EntryPointRow,
} from '../db/entry-points-repo';
import type { DB } from '../db/open-db';
import { currentWording } from '../db/wordings-repo';
import type { Deps } from '../deps';
import { ApiError } from '../errors';
import { appendConsent, deriveConsent, wordingEvidence } from './consent-ledger';
import type { Language } from './keywords';
import { optinPrefill } from './optin-codes';
import { publicLink } from './public-url';
import { businessChatLink } from './qr';
import { prepared } from '../db/prepared';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 6;

export function newEntryCode(): string {
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `KOPRU-${s}`;
}

/** Entry-point codes in a message, canonical. Tolerates lower case, "Köprü", a space or no dash. */
export function findEntryCodes(text: string): string[] {
  const ascii = text.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
  const found = new Set<string>();
  for (const m of ascii.matchAll(/(?<![A-Z0-9])KOPRU[\s\-–—_:]*([A-Z0-9]{6})(?![A-Z0-9])/g)) found.add(`KOPRU-${m[1]}`);
  return [...found];
}

/** Sources where the customer scans a printed code; their WhatsApp opt-ins are recorded as `qr_code`. */
const PRINTED: ReadonlySet<EntryPointSource> = new Set([
  'qr_point_of_sale',
  'qr_packaging',
  'qr_print',
  'qr_event',
  'qr_invoice',
  'in_store_sign',
  'service_desk',
  'billing_insert',
]);

export const methodForSource = (source: EntryPointSource) => (PRINTED.has(source) ? 'qr_code' : 'whatsapp_keyword');

function slugify(name: string): string {
  const base = name
    .replace(/[İIı]/g, 'i')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  let suffix = '';
  for (let i = 0; i < 4; i++) suffix += 'abcdefghjkmnpqrstuvwxyz23456789'[randomInt(31)];
  return `${base || 'optin'}-${suffix}`;
}

/** The wording of `version` in each language; a language without that version shows its newest. */
function resolveWordings(db: DB, version: number | undefined): Result<{ tr: string; en: string }, ApiError> {
  const exact = (language: Language) =>
    version === undefined ? null : (prepared(db, 'SELECT id FROM consent_wordings WHERE language = ? AND version = ?').pluck().get(language, version) as string | undefined);
  const tr = exact('tr');
  const en = exact('en');
  if (version !== undefined && !tr && !en) {
    return err(new ApiError('VALIDATION_FAILED', 'The request json is not valid.', [{ path: 'wordingVersion', message: `No consent wording has version ${version}.` }]));
  }
  const pick = (language: Language, found: string | null | undefined) => found ?? currentWording(db, language)?.id;
  const ids = { tr: pick('tr', tr), en: pick('en', en) };
  if (!ids.tr || !ids.en) return err(new ApiError('CONFLICT', 'A consent wording is needed in Turkish and English first.'));
  return ok({ tr: ids.tr, en: ids.en });
}

export function createEntryPoint(deps: Pick<Deps, 'db' | 'clock' | 'config'>, agentId: string, input: EntryPointInput): Result<EntryPoint, ApiError> {
  const { db, config } = deps;
  const wordings = resolveWordings(db, input.wordingVersion);
  if (!wordings.ok) return wordings;
  // Fails (CONFLICT) before anything is stored when the business number is not configured.
  businessChatLink(config, 'x');
  const row = db
    .transaction((): EntryPointRow => {
      let code = newEntryCode();
      for (let i = 0; entryCodeInUse(db, code); i++) {
        if (i > 20) throw new Error('Could not find an unused entry-point code.');
        code = newEntryCode();
      }
      let slug = slugify(input.name);
      while (slugInUse(db, slug)) slug = slugify(input.name);
      const e: EntryPointRow = {
        id: `ep_${randomUUID()}`,
        slug,
        name: input.name,
        source: input.source,
        code,
        topics: [...new Set(input.topics)],
        language: input.language ?? (config.defaultRegion === 'TR' ? 'tr' : 'en'),
        wordingIds: wordings.value,
        embedOrigins: input.embedOrigins?.length ? [...new Set(input.embedOrigins.map((o) => o.toLowerCase()))] : null,
        createdBy: agentId,
        createdAt: deps.clock.now(),
      };
      insertEntryPoint(db, e);
      return e;
    })
    .immediate();
  return ok(toEntryPoint(deps, row));
}

/** The wa.me link with the code in a prefilled sentence, in `language` (default: the entry point's). */
export const entryWaMeLink = (config: Deps['config'], e: Pick<EntryPointRow, 'code' | 'language'>, language: Language = e.language) =>
  businessChatLink(config, optinPrefill(e.code, language, config.businessName));

/**
 * Which language the customer wrote in: the prefilled sentence is Turkish or English (a card
 * printed in either language carries the same code), else the entry point's language.
 */
export function messageLanguage(text: string, fallback: Language): Language {
  if (/\bi['’]d like\b|\bmy code\b|\bupdates from\b/i.test(text)) return 'en';
  if (/\bmerhaba\b|istiyorum|\bkodum\b|bildirimlerini/i.test(text)) return 'tr';
  return fallback;
}

export function embedSnippet(config: Deps['config'], e: Pick<EntryPointRow, 'slug' | 'language' | 'name'>): string {
  const src = publicLink(config, `/optin/${e.slug}?embed=1&lang=${e.language}`);
  const title = e.language === 'tr' ? 'WhatsApp bildirim izni' : 'WhatsApp updates sign-up';
  return `<iframe src="${src}" title="${title}" width="100%" height="720" style="border:0;max-width:480px" loading="lazy"></iframe>`;
}

export function toEntryPoint(deps: Pick<Deps, 'db' | 'clock' | 'config'>, e: EntryPointRow): EntryPoint {
  const web = isWebSource(e.source);
  const base = `/api/entry-points/${e.id}`;
  return {
    id: e.id,
    slug: e.slug,
    name: e.name,
    source: e.source,
    code: e.code,
    topics: e.topics,
    language: e.language,
    wordings: e.wordingIds,
    waMeLink: entryWaMeLink(deps.config, e),
    qrSvgUrl: `${base}/qr.svg`,
    qrPngUrl: `${base}/qr.png`,
    cardUrl: `${base}/card?lang=${e.language}`,
    optinUrl: web ? publicLink(deps.config, `/optin/${e.slug}`) : null,
    embedSnippet: web ? embedSnippet(deps.config, e) : null,
    embedOrigins: e.embedOrigins,
    createdAt: e.createdAt,
    counts: entryPointCounts(deps.db, e.id, deps.clock.now()),
  };
}

const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;

export const entryQrSvg = (link: string): Promise<string> => QRCode.toString(link, { ...QR_OPTIONS, type: 'svg' });
export const entryQrPng = (link: string): Promise<Buffer> => QRCode.toBuffer(link, { ...QR_OPTIONS, type: 'png', width: 480 });

/**
 * The customer's current topics plus `topics`: a sign-up through another channel adds to what they
 * already receive rather than silently dropping a topic they chose elsewhere.
 */
export function topicsAfterSignup(db: DB, phone: string, topics: readonly ConsentTopic[]): { topics: ConsentTopic[]; added: ConsentTopic[] } {
  const current = deriveConsent(listConsentsForPhone(db, phone));
  const had = current.status === 'opted_in' ? current.topics : [];
  const added = topics.filter((t) => !had.includes(t));
  return { topics: [...new Set([...had, ...topics])], added };
}

/**
 * Records the opt-in a customer asked for by sending an entry point's code (inside the inbound
 * transaction). Null when the message carries no known code.
 */
export function redeemEntryCode(
  db: DB,
  businessName: string,
  m: { text: string; phone: string; wamid: string; now: number },
): { record: ConsentRecord; entryPoint: EntryPointRow; language: Language } | null {
  for (const code of findEntryCodes(m.text)) {
    const e = getEntryPointByCode(db, code);
    if (!e) continue;
    const language = messageLanguage(m.text, e.language);
    const wordingId = e.wordingIds[language];
    const wording = wordingEvidence(db, wordingId, businessName);
    const { topics, added } = topicsAfterSignup(db, m.phone, e.topics);
    const record = appendConsent(db, m.now, {
      phone: m.phone,
      action: 'opt_in',
      method: methodForSource(e.source),
      topics,
      wordingId,
      evidence: {
        inboundMessageId: m.wamid,
        text: m.text,
        code,
        source: e.source,
        entryPointId: e.id,
        entryPointName: e.name,
        channel: 'whatsapp_code',
        topicsAsked: e.topics,
        topicsAdded: added,
        ...(wording ? { wording } : {}),
      },
    });
    insertEntryPointOptin(db, { consentId: record.id, entryPointId: e.id, phone: m.phone, channel: 'whatsapp_code', at: m.now });
    return { record, entryPoint: e, language };
  }
  return null;
}
