/**
 * Bulk seeding straight into the server's SQLite file.
 *
 * Why not the public API: a million contacts with consent through `POST /api/consents` would take
 * longer than every benchmark together (and would benchmark the seeding). So the bench opens the
 * same file with the server's own `openDb` (which applies the server's migrations — the tables are
 * exactly the server's) and writes rows the way the server itself writes them:
 * - agents with the server's `createAgent` (token stored only as its hash);
 * - contacts as `touchContactInbound` would store them (E.164 phone, wa_id = digits);
 * - one `opt_in` consent per contact, shaped like `POST /api/consents` records an in-person opt-in
 *   (wording evidence, agent, ticket), hash-chained with the server's own `consentHash`, so
 *   `GET /api/consents/verify` still accepts the ledger;
 * - templates with the server's `upsertTemplate` (what a sync stores).
 * Only the consents insert is our own SQL (one prepared statement instead of `insertConsentRow`'s
 * prepare-per-row); its columns are those of migration 0002.
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { ConsentRecord } from '../../shared/schemas/consent';
import type { Template } from '../../shared/schemas/template';
import { consentHash, GENESIS_HASH } from '../../server/core/consent-hash';
import { DEFAULT_OPTIN_TOPICS, wordingEvidence } from '../../server/core/consent-ledger';
import { createAgent } from '../../server/db/agents-repo';
import { getChainHead } from '../../server/db/consents-repo';
import type { DB } from '../../server/db/open-db';
import { upsertTemplate } from '../../server/db/templates-repo';
import { benchPhone, waIdOf } from './phones';

export type SeededAgent = { id: string; token: string };

/** `count` agents (one panel each in the webhook benchmark) and one admin. */
export function seedAgents(db: DB, count: number, now: number): { agents: SeededAgent[]; admin: SeededAgent } {
  return db.transaction(() => {
    const agents = Array.from({ length: count }, (_, i) => {
      const { agent, token } = createAgent(db, { name: `Bench agent ${i + 1}`, role: 'agent', now });
      return { id: agent.id, token };
    });
    const { agent, token } = createAgent(db, { name: 'Bench admin', role: 'admin', now });
    return { agents, admin: { id: agent.id, token } };
  })();
}

/**
 * Contacts `benchPhone(from)` … `benchPhone(from + count - 1)`, each opted in (in person, Turkish
 * wording v1) by `agentId`. Written in transactions of `batch` rows; `onProgress` after each.
 */
export function seedOptedInContacts(
  db: DB,
  opts: { from?: number; count: number; agentId: string; now: number; businessName: string; batch?: number; onProgress?: (done: number) => void },
): void {
  const { count, agentId, now } = opts;
  const from = opts.from ?? 0;
  const batch = opts.batch ?? 50_000;
  const wording = wordingEvidence(db, 'cw_tr_v1', opts.businessName);
  if (!wording) throw new Error('consent wording cw_tr_v1 is missing: has migration 0002 changed?');
  const evidenceJson = JSON.stringify({ wording });
  const topicsJson = JSON.stringify(DEFAULT_OPTIN_TOPICS);

  const insertContact = db.prepare(
    'INSERT INTO contacts (phone, wa_id, name, last_inbound_at, created_at, updated_at) VALUES (?, ?, ?, NULL, ?, ?)',
  );
  const insertConsent = db.prepare(
    `INSERT INTO consents (seq, id, phone, action, method, topics_json, wording_id, agent_id, ticket_json, note,
       evidence_json, created_at, prev_hash, hash)
     VALUES (?, ?, ?, 'opt_in', 'in_person', ?, 'cw_tr_v1', ?, ?, NULL, ?, ?, ?, ?)`,
  );

  const head = getChainHead(db);
  let seq = head?.seq ?? 0;
  let prev = head?.hash ?? GENESIS_HASH;
  for (let start = 0; start < count; start += batch) {
    const end = Math.min(count, start + batch);
    db.transaction(() => {
      for (let i = start; i < end; i++) {
        const phone = benchPhone(from + i);
        // Spread over the past year, older first, like a ledger that grew over time.
        const at = now - (count - i) * 30_000;
        insertContact.run(phone, waIdOf(phone), `Müşteri ${from + i}`, at, at);
        const ticket = { system: 'zendesk', id: String(100_000 + from + i) };
        const fields: Omit<ConsentRecord, 'hash' | 'prevHash'> = {
          id: `cns_${randomUUID()}`,
          seq: ++seq,
          phone,
          action: 'opt_in',
          method: 'in_person',
          topics: DEFAULT_OPTIN_TOPICS,
          wordingId: 'cw_tr_v1',
          agentId,
          ticket,
          note: null,
          evidence: { wording },
          createdAt: at,
        };
        const hash = consentHash(prev, fields);
        insertConsent.run(fields.seq, fields.id, phone, topicsJson, agentId, JSON.stringify(ticket), evidenceJson, at, prev, hash);
        prev = hash;
      }
    })();
    opts.onProgress?.(end);
  }
}

const TOPICS = [
  ['siparis_durumu', 'Merhaba {{1}}, {{2}} numaralı siparişinizin durumu güncellendi: {{3}}.', 'Hello {{1}}, your order {{2}} is now: {{3}}.'],
  ['kargo_takip', '{{1}} numaralı siparişiniz kargoya verildi. Takip numarası: {{2}}.', 'Your order {{1}} has shipped. Tracking number: {{2}}.'],
  ['randevu_hatirlatma', 'Sayın {{1}}, {{2}} tarihli randevunuzu hatırlatırız.', 'Dear {{1}}, a reminder of your appointment on {{2}}.'],
  ['odeme_alindi', '{{1}} tutarındaki ödemeniz alındı. Fatura no: {{2}}.', 'We received your payment of {{1}}. Invoice: {{2}}.'],
  ['iade_onay', '{{1}} numaralı iade talebiniz onaylandı.', 'Your return request {{1}} was approved.'],
] as const;

/** A realistic utility template: text header on some, footer, a URL button on others. */
export function benchTemplate(i: number): Template {
  const [topic, tr, en] = TOPICS[i % TOPICS.length]!;
  const language = i % 2 === 0 ? 'tr' : 'en';
  const body = language === 'tr' ? tr : en;
  const params = (body.match(/\{\{\d\}\}/g) ?? []).length;
  const components: Template['components'] = [];
  if (i % 3 === 0) components.push({ type: 'HEADER', format: 'TEXT', text: language === 'tr' ? 'Sipariş bilgisi' : 'Order update' });
  components.push({ type: 'BODY', text: body, example: { body_text: [Array.from({ length: params }, (_, k) => `örnek${k + 1}`)] } });
  components.push({ type: 'FOOTER', text: language === 'tr' ? 'Köprü Demo Mağazası' : 'Köprü Demo Store' });
  if (i % 4 === 0) {
    components.push({ type: 'BUTTONS', buttons: [{ type: 'URL', text: language === 'tr' ? 'Takip et' : 'Track', url: 'https://example.com/t/{{1}}', example: ['https://example.com/t/123'] }] });
  }
  return {
    id: String(2_000_000_000_000 + i),
    name: `${topic}_${String(Math.floor(i / 2)).padStart(3, '0')}`,
    language,
    status: 'APPROVED',
    category: 'UTILITY',
    parameter_format: 'POSITIONAL',
    components,
    quality_score: { score: 'GREEN' },
  };
}

/** `count` usable templates in the server's store, as a sync would have written them. */
export function seedTemplates(db: DB, count: number, now: number): void {
  db.transaction(() => {
    for (let i = 0; i < count; i++) upsertTemplate(db, benchTemplate(i), now);
  }).immediate(); // the server may be writing: take the write lock first instead of failing on a stale snapshot
}
