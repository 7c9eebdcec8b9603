/**
 * The consent ledger for an auditor (`GET /api/consents/export`): every record with what the
 * customer agreed to (the wording text), how (method), who recorded it (agent), from which ticket,
 * when, the evidence, the hash-chain fields to re-derive each record's hash, and the fields of
 * Turkey's İYS consent record — for one customer or the whole ledger, as JSON or CSV.
 *
 * İYS (İleti Yönetim Sistemi) mapping. İYS registers consent for commercial electronic messages;
 * Köprü's utility messages are not commercial, so these fields matter for the `marketing` topic — they
 * are given for every record so a business can upload what applies:
 * - `type`: MESAJ (WhatsApp messages are electronic messages; İYS has MESAJ, ARAMA, EPOSTA);
 * - `source` by method: in_person → HS_FIZIKSEL_ORTAM, paper_form → HS_ISLAK_IMZA,
 *   phone_call → HS_CAGRI_MERKEZI, web_form and preference_center → HS_WEB, WhatsApp keywords,
 *   buttons and QR codes (the consent is the customer's own message) → HS_MESAJ, meta_preferences
 *   (WhatsApp's app settings) → HS_MOBIL, erasure_request → HS_EORTAM;
 * - `status`: ONAY for opt_in, RET for opt_out; `recipientType`: BIREYSEL (consumers);
 * - `recipient`: the E.164 number (null once erased); `consentDate`: `YYYY-MM-DD HH:mm:ss` in
 *   Europe/Istanbul time, as İYS expects.
 * @module
 */
import type { ConsentMethod, ConsentRecord } from '../../shared/schemas/consent';
import { getAgent } from '../db/agents-repo';
import { iterateConsents, listConsentsAfter, toConsentRecord } from '../db/consents-repo';
import type { DB } from '../db/open-db';
import { getWording } from '../db/wordings-repo';
import { verifyChain, type ChainVerdict } from './consent-hash';
import { renderWording } from './consent-ledger';
import { prepared } from '../db/prepared';

export const IYS_SOURCE: Record<ConsentMethod, string> = {
  in_person: 'HS_FIZIKSEL_ORTAM',
  paper_form: 'HS_ISLAK_IMZA',
  phone_call: 'HS_CAGRI_MERKEZI',
  web_form: 'HS_WEB',
  preference_center: 'HS_WEB',
  qr_code: 'HS_MESAJ',
  whatsapp_keyword: 'HS_MESAJ',
  whatsapp_button: 'HS_MESAJ',
  meta_preferences: 'HS_MOBIL',
  erasure_request: 'HS_EORTAM',
};

export type IysFields = {
  type: 'MESAJ';
  source: string;
  status: 'ONAY' | 'RET';
  recipientType: 'BIREYSEL';
  recipient: string | null;
  consentDate: string;
};

export type ExportedConsent = ConsentRecord & {
  createdAtIso: string;
  wording: { id: string; version: number | null; language: string | null; text: string | null } | null;
  agent: { id: string; name: string | null } | null;
  iys: IysFields;
};

export type ConsentExport = {
  exportedAt: number;
  scope: { phone: string | null };
  consents: ExportedConsent[];
  nextAfter: number | null;
  /** The whole ledger re-verified at export time: its size and head hash (or where it breaks). */
  chain: ChainVerdict;
};

const istanbul = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Istanbul', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

export function iysFields(r: ConsentRecord): IysFields {
  return {
    type: 'MESAJ',
    source: IYS_SOURCE[r.method] ?? 'HS_EORTAM',
    status: r.action === 'opt_in' ? 'ONAY' : 'RET',
    recipientType: 'BIREYSEL',
    recipient: r.redactedAt || r.phone.startsWith('erased:') ? null : r.phone,
    consentDate: istanbul.format(r.createdAt),
  };
}

/** The text the record points at: as captured in its evidence, else the wording version as shown. */
function wordingOf(db: DB, r: ConsentRecord, businessName: string): ExportedConsent['wording'] {
  const captured = r.evidence?.wording as { id?: string; version?: number; language?: string; text?: string } | undefined;
  if (captured?.text) return { id: captured.id ?? r.wordingId ?? '', version: captured.version ?? null, language: captured.language ?? null, text: captured.text };
  if (!r.wordingId) return null;
  const w = getWording(db, r.wordingId);
  if (!w) return { id: r.wordingId, version: null, language: null, text: null };
  const shown = renderWording(w, businessName);
  return { id: shown.id, version: shown.version, language: shown.language, text: shown.text };
}

export function enrich(db: DB, r: ConsentRecord, businessName: string, agents: Map<string, string | null>): ExportedConsent {
  let agent: ExportedConsent['agent'] = null;
  if (r.agentId) {
    if (!agents.has(r.agentId)) agents.set(r.agentId, getAgent(db, r.agentId)?.name ?? null);
    agent = { id: r.agentId, name: agents.get(r.agentId) ?? null };
  }
  return { ...r, createdAtIso: new Date(r.createdAt).toISOString(), wording: wordingOf(db, r, businessName), agent, iys: iysFields(r) };
}

export function exportConsents(db: DB, businessName: string, now: number, q: { phone: string | null; after: number; limit: number }): ConsentExport {
  const records = q.phone
    ? (prepared(db, 'SELECT * FROM consents WHERE phone = ? AND seq > ? ORDER BY seq LIMIT ?').all(q.phone, q.after, q.limit) as Parameters<typeof toConsentRecord>[0][]).map(toConsentRecord)
    : listConsentsAfter(db, q.after, q.limit);
  const agents = new Map<string, string | null>();
  return {
    exportedAt: now,
    scope: { phone: q.phone },
    consents: records.map((r) => enrich(db, r, businessName, agents)),
    nextAfter: records.length === q.limit ? records.at(-1)!.seq : null,
    chain: verifyChain(iterateConsents(db)),
  };
}

export const CSV_COLUMNS = [
  'seq', 'id', 'created_at', 'created_at_iso', 'phone', 'action', 'method', 'topics', 'wording_id', 'wording_version', 'wording_language',
  'wording_text', 'agent_id', 'agent_name', 'ticket', 'note', 'evidence', 'iys_type', 'iys_source', 'iys_status', 'iys_recipient_type',
  'iys_recipient', 'iys_consent_date', 'hash_version', 'pii_salt', 'pii_digest', 'redacted_at', 'prev_hash', 'hash',
] as const;

/**
 * A CSV cell (RFC 4180). Free-text cells that a spreadsheet would run as a formula (starting with
 * = + - @ or a tab/CR) get a leading apostrophe; a reader strips it again before checking hashes.
 */
export function csvCell(value: unknown, freeText = false): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value);
  if (freeText && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: readonly ExportedConsent[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
      [
        csvCell(r.seq), csvCell(r.id), csvCell(r.createdAt), csvCell(r.createdAtIso), csvCell(r.phone), csvCell(r.action), csvCell(r.method),
        csvCell(r.topics), csvCell(r.wording?.id ?? r.wordingId), csvCell(r.wording?.version), csvCell(r.wording?.language),
        csvCell(r.wording?.text, true), csvCell(r.agentId), csvCell(r.agent?.name, true), csvCell(r.ticket), csvCell(r.note, true),
        csvCell(r.evidence), csvCell(r.iys.type), csvCell(r.iys.source), csvCell(r.iys.status), csvCell(r.iys.recipientType),
        csvCell(r.iys.recipient), csvCell(r.iys.consentDate), csvCell(r.hashVersion ?? 1), csvCell(r.piiSalt), csvCell(r.piiDigest),
        csvCell(r.redactedAt), csvCell(r.prevHash), csvCell(r.hash),
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
