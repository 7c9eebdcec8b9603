/**
 * What Köprü writes to a customer on WhatsApp from the customer-side flows (entry-point opt-ins,
 * double opt-in confirmations, preference links), in Turkish and English. Each confirmation names
 * the business, the topics and how to stop, as the opt-in rules ask (reference §6.2).
 * @module
 */
import type { ConsentTopic } from '../../shared/schemas/consent';
import type { Language } from './keywords';

export const TOPIC_LABELS: Record<Language, Record<ConsentTopic, string>> = {
  tr: {
    order_updates: 'sipariş bilgileri',
    shipping: 'kargo ve teslimat',
    appointments: 'randevular',
    payments: 'ödemeler',
    account_notices: 'hesap bildirimleri',
    surveys: 'anketler',
    marketing: 'kampanya ve duyurular',
  },
  en: {
    order_updates: 'order updates',
    shipping: 'shipping and delivery',
    appointments: 'appointments',
    payments: 'payments',
    account_notices: 'account notices',
    surveys: 'surveys',
    marketing: 'offers and news',
  },
};

/** "a, b ve c" / "a, b and c". */
export function topicList(topics: readonly ConsentTopic[], language: Language): string {
  const words = topics.map((t) => TOPIC_LABELS[language][t]);
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} ${language === 'tr' ? 've' : 'and'} ${words.at(-1)}`;
}

/** After an opt-in through an entry-point code or a confirmed web form. */
export function optinConfirmedText(p: { business: string; topics: readonly ConsentTopic[]; language: Language }): string {
  const list = topicList(p.topics, p.language);
  return p.language === 'tr'
    ? `${p.business}: Teşekkürler, kaydınız alındı. WhatsApp'tan şu konularda bilgilendirme alacaksınız: ${list}.\n\nİstediğiniz zaman DUR yazarak durdurabilir, AYARLAR yazarak konuları değiştirebilirsiniz.`
    : `${p.business}: Thanks, you're signed up. You'll get WhatsApp messages about: ${list}.\n\nReply STOP at any time to stop them, or SETTINGS to choose topics.`;
}

/** The answer to AYARLAR / SETTINGS: the customer's own signed preference-centre link. */
export function preferencesLinkText(p: { business: string; url: string; language: Language; validHours: number }): string {
  return p.language === 'tr'
    ? `${p.business}: Hangi WhatsApp mesajlarını alacağınızı buradan seçebilirsiniz (bağlantı ${p.validHours} saat geçerli):\n${p.url}`
    : `${p.business}: Choose which WhatsApp messages you get here (the link works for ${p.validHours} hours):\n${p.url}`;
}
