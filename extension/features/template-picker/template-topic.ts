/**
 * Which consent topic a template belongs to, for the topic filter. Meta has no such field, so it is
 * read from the utility sub-category and the template's name (English and Turkish words); anything
 * unrecognised is `other`.
 *
 * @module
 */
import type { ApiTemplate } from '../../../shared/schemas/api-template';

export const TEMPLATE_TOPICS = ['order_updates', 'shipping', 'appointments', 'payments', 'account_notices', 'surveys', 'other'] as const;
export type TemplateTopic = (typeof TEMPLATE_TOPICS)[number];

const RULES: Array<[TemplateTopic, RegExp]> = [
  ['shipping', /ship|cargo|kargo|deliver|teslim|courier|kurye|track|takip|dispatch/],
  ['appointments', /appoint|randevu|booking|rezervasyon|reserv|visit/],
  ['payments', /pay|odeme|invoice|fatura|refund|iade|receipt|billing|tahsilat/],
  ['account_notices', /account|hesap|password|sifre|login|giris|security|guvenlik|profile/],
  ['surveys', /survey|anket|feedback|geri_bildirim|rating|degerlendir/],
  ['order_updates', /order|siparis|purchase|cart|sepet|handoff|ticket|destek|support/],
];

const fold = (s: string) =>
  s.toLocaleLowerCase('tr').normalize('NFD').replace(/\p{M}/gu, '').replace(/ı/g, 'i');

export function templateTopic(template: Pick<ApiTemplate, 'name' | 'sub_category'>): TemplateTopic {
  const text = fold(`${template.sub_category ?? ''} ${template.name}`);
  return RULES.find(([, re]) => re.test(text))?.[0] ?? 'other';
}
