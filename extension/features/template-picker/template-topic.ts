/**
 * Which consent topic a template belongs to, for the topic filter: the server sends the topic its
 * gate checks (an admin's setting or the shared inference), so the filter never disagrees with the
 * gate. Templates that are not topic-bound (opt-in, hand-off) show under `other`.
 *
 * @module
 */
import type { ApiTemplate } from '../../../shared/schemas/api-template';
import type { ConsentTopic } from '../../../shared/schemas/consent';
import type { Contact } from '../../../shared/schemas/contact';

export const TEMPLATE_TOPICS = ['order_updates', 'shipping', 'appointments', 'payments', 'account_notices', 'surveys', 'marketing', 'other'] as const;
export type TemplateTopic = (typeof TEMPLATE_TOPICS)[number];

export function templateTopic(template: Pick<ApiTemplate, 'topic'>): TemplateTopic {
  return template.topic ?? 'other';
}

/**
 * The template's topic when this customer, though opted in, does not receive it (turned it off in
 * the preference centre, or never agreed to it): the server's gate would refuse it with
 * TOPIC_OPTED_OUT. Null when the topic is no obstacle (no topic, topic covered, or not opted in —
 * then the consent itself is what blocks, for every template alike).
 */
export function topicNotReceived(template: Pick<ApiTemplate, 'topic'>, contact: Pick<Contact, 'consent'> | null): ConsentTopic | null {
  if (!template.topic || contact?.consent.status !== 'opted_in') return null;
  return contact.consent.topics.includes(template.topic) ? null : template.topic;
}
