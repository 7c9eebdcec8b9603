/**
 * Which consent topic a template belongs to. Meta has no such field, so it is read from the utility
 * sub-category and the template's name (English and Turkish words). The server's gate uses it (unless
 * an admin set the topic), and it reaches the panel as `topic` on each template, so the filter and the
 * gate can never disagree.
 *
 * @module
 */
import type { ConsentTopic } from '../schemas/consent';
import type { Template } from '../schemas/template';

/** Consent management and conversations the customer asked for are never topic-bound. */
const NO_TOPIC = /opt_?in|opt_?out|consent|izin|handoff|hand_off/;

/** First match wins. */
const RULES: Array<[ConsentTopic, RegExp]> = [
  ['shipping', /ship|cargo|kargo|deliver|teslim|courier|kurye|track|takip|dispatch/],
  ['appointments', /appoint|randevu|booking|rezervasyon|reserv|visit/],
  ['payments', /pay|odeme|invoice|fatura|refund|iade|receipt|billing|tahsilat/],
  ['account_notices', /account|hesap|password|sifre|login|giris|security|guvenlik|profile/],
  ['surveys', /survey|anket|feedback|geri_bildirim|rating|degerlendir/],
  ['order_updates', /order|siparis|purchase|cart|sepet|ticket|destek|support/],
];

const fold = (s: string) => s.toLocaleLowerCase('tr').normalize('NFD').replace(/\p{M}/gu, '').replace(/ı/g, 'i');

/** The topic a template's name (and Meta's category/sub-category) suggests; null = not topic-bound. */
export function inferTopic(t: Pick<Template, 'name'> & Partial<Pick<Template, 'category' | 'sub_category'>>): ConsentTopic | null {
  const text = fold(`${t.sub_category ?? ''} ${t.name}`);
  if (NO_TOPIC.test(text)) return null;
  if (t.category === 'MARKETING') return 'marketing';
  return RULES.find(([, re]) => re.test(text))?.[0] ?? null;
}
