/**
 * Which consent topic a template belongs to, for the topic filter: the server sends the topic its
 * gate checks (an admin's setting or the shared inference), so the filter never disagrees with the
 * gate. Templates that are not topic-bound (opt-in, hand-off) show under `other`.
 *
 * @module
 */
import type { ApiTemplate } from '../../../shared/schemas/api-template';

export const TEMPLATE_TOPICS = ['order_updates', 'shipping', 'appointments', 'payments', 'account_notices', 'surveys', 'marketing', 'other'] as const;
export type TemplateTopic = (typeof TEMPLATE_TOPICS)[number];

export function templateTopic(template: Pick<ApiTemplate, 'topic'>): TemplateTopic {
  return template.topic ?? 'other';
}
