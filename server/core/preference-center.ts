/**
 * The preference centre: a customer chooses which topics they get, or stops everything, from a
 * signed, expiring link (`/preferences/{token}`) — sent when they write AYARLAR / SETTINGS, or put
 * into a template's URL button. The token names the customer's number and when it expires, signed
 * with the server's link secret, so it works without a login and cannot be made up for someone else.
 *
 * Every change is one ledger record with method `preference_center` (the ledger's derivation then
 * gives the new state): switching topics off only → `opt_out` of those topics; adding any topic →
 * `opt_in` with the full new set; nothing left or "stop everything" → a full `opt_out`.
 * @module
 */
import { ConsentTopic, type ConsentRecord } from '../../shared/schemas/consent';
import { currentWording } from '../db/wordings-repo';
import type { Deps } from '../deps';
import { appendConsent, consentState, wordingEvidence } from './consent-ledger';
import { foldings, type Language } from './keywords';
import { publicLink } from './public-url';
import { linkSecret, nonce, signToken, verifyToken } from './signed-links';

const PURPOSE = 'preferences';

/** A link the customer asked for right now. */
export const KEYWORD_LINK_TTL_MS = 24 * 3600_000;
/** A link inside a template's button: the customer may open the message days later. */
export const BUTTON_LINK_TTL_MS = 30 * 24 * 3600_000;

type TokenData = { p: string; x: number; n: string };

export function preferenceToken(deps: Pick<Deps, 'config' | 'clock'>, phone: string, ttlMs: number): string {
  return signToken(linkSecret(deps.config), PURPOSE, { p: phone, x: deps.clock.now() + ttlMs, n: nonce().slice(0, 8) });
}

export const preferenceUrl = (deps: Pick<Deps, 'config' | 'clock'>, phone: string, ttlMs: number): string =>
  publicLink(deps.config, `/preferences/${preferenceToken(deps, phone, ttlMs)}`);

export type PreferenceLink = { ok: true; phone: string; expiresAt: number; nonce: string } | { ok: false; reason: 'invalid' | 'expired' };

export function readPreferenceToken(deps: Pick<Deps, 'config' | 'clock'>, token: string): PreferenceLink {
  const v = verifyToken<TokenData>(linkSecret(deps.config), PURPOSE, token);
  if (!v.ok || typeof v.data.p !== 'string' || typeof v.data.x !== 'number') return { ok: false, reason: 'invalid' };
  if (deps.clock.now() >= v.data.x) return { ok: false, reason: 'expired' };
  return { ok: true, phone: v.data.p, expiresAt: v.data.x, nonce: String(v.data.n ?? '') };
}

const KEYWORDS: Array<{ word: string; language: Language }> = [
  { word: 'AYARLAR', language: 'tr' },
  { word: 'AYAR', language: 'tr' },
  { word: 'TERCİHLER', language: 'tr' },
  { word: 'SETTINGS', language: 'en' },
  { word: 'PREFERENCES', language: 'en' },
];

/** AYARLAR / SETTINGS as the whole message (case, dotted-İ and punctuation ignored, like STOP). */
export function matchPreferencesKeyword(text: string): Language | null {
  if (text.length > 40) return null;
  const forms = foldings(text);
  for (const k of KEYWORDS) for (const f of foldings(k.word)) if (forms.has(f)) return k.language;
  return null;
}

export type PreferenceChange = { kind: 'topics'; topics: ConsentTopic[] } | { kind: 'stop_all' };

/**
 * Applies what the customer chose; null when it changes nothing (no record for a no-op). `via`
 * is kept as evidence: which link (its nonce and expiry) and a keyed hash of the client address.
 */
export function applyPreferenceChange(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  p: { phone: string; change: PreferenceChange; language: Language; via: Record<string, unknown> },
): ConsentRecord | null {
  const { db } = deps;
  return db
    .transaction((): ConsentRecord | null => {
      const before = consentState(db, p.phone, { historyLimit: 0 });
      const chosen = p.change.kind === 'topics' ? ConsentTopic.options.filter((t) => (p.change as { topics: ConsentTopic[] }).topics.includes(t)) : [];
      const evidence = { ...p.via, topicsBefore: before.topics, statusBefore: before.status, topicsChosen: chosen };
      const now = deps.clock.now();
      if (chosen.length === 0) {
        if (before.status === 'opted_out') return null;
        return appendConsent(db, now, { phone: p.phone, action: 'opt_out', method: 'preference_center', evidence: { ...evidence, stopAll: true } });
      }
      const removed = before.topics.filter((t) => !chosen.includes(t));
      const added = chosen.filter((t) => !before.topics.includes(t));
      if (before.status === 'opted_in' && added.length === 0) {
        if (removed.length === 0) return null;
        return appendConsent(db, now, { phone: p.phone, action: 'opt_out', method: 'preference_center', topics: removed, evidence });
      }
      const wording = currentWording(db, p.language);
      const shown = wording ? wordingEvidence(db, wording.id, deps.config.businessName) : null;
      return appendConsent(db, now, {
        phone: p.phone,
        action: 'opt_in',
        method: 'preference_center',
        topics: chosen,
        ...(wording ? { wordingId: wording.id } : {}),
        evidence: { ...evidence, ...(shown ? { wording: shown } : {}) },
      });
    })
    .immediate();
}
