/**
 * Consent topics at the gate. A template belongs to at most one topic (order updates, shipping, …):
 * the admin's setting, else inferred from its name, else none. A template with a topic goes only
 * to a customer whose consent currently covers that topic (they may have turned it off in the
 * preference centre, or never agreed to it); one without a topic needs only an opt-in.
 *
 * The one template that may go to a customer without an opt-in is the double opt-in confirmation
 * a public opt-in page asks for: see `allowsDoubleOptinRequest` for why that stays honest.
 * @module
 */
import type { ConsentState, ConsentTopic } from '../../shared/schemas/consent';
import type { TopicSource } from '../../shared/schemas/preferences';
import type { Template } from '../../shared/schemas/template';
import { inferTopic } from '../../shared/templates/template-topic';
import { pendingWebOptin } from '../db/entry-points-repo';
import { SYSTEM_AGENT_ID } from '../db/agents-repo';
import type { DB } from '../db/open-db';
import { getTemplateSetting, type TemplateSettingRow } from '../db/preferences-repo';
import { ApiError } from '../errors';
import type { SendPurpose } from './gate';

/** The template a public opt-in page sends to ask for the customer's confirmation (reference §6.2). */
export const DOUBLE_OPTIN_TEMPLATE = 'optin_confirmation';
export { SYSTEM_AGENT_ID };

export { inferTopic };

export function templateTopic(db: DB, t: Pick<Template, 'name'> & Partial<Pick<Template, 'category' | 'sub_category'>>): { topic: ConsentTopic | null; source: TopicSource } {
  return topicFromSetting(getTemplateSetting(db, t.name), t);
}

/** `templateTopic` with the template's setting already read (listing many templates: one query for all settings). */
export function topicFromSetting(
  setting: Pick<TemplateSettingRow, 'topic' | 'noTopic'> | null,
  t: Pick<Template, 'name'> & Partial<Pick<Template, 'category' | 'sub_category'>>,
): { topic: ConsentTopic | null; source: TopicSource } {
  if (setting?.topic) return { topic: setting.topic, source: 'admin' };
  if (setting?.noTopic) return { topic: null, source: 'admin' };
  const inferred = inferTopic(t);
  return { topic: inferred, source: inferred ? 'inferred' : 'none' };
}

const TOPIC_WORDS: Record<ConsentTopic, string> = {
  order_updates: 'order update',
  shipping: 'shipping',
  appointments: 'appointment',
  payments: 'payment',
  account_notices: 'account notice',
  surveys: 'survey',
  marketing: 'marketing',
};

/**
 * Called by the gate once the template is known to be usable: a refusal when the template's topic
 * is not among the customer's current topics.
 */
export function topicRefusal(db: DB, consent: Pick<ConsentState, 'status' | 'topics'>, template: Template): ApiError | null {
  if (consent.status !== 'opted_in') return null; // the gate's consent check speaks for this case
  const { topic, source } = templateTopic(db, template);
  if (!topic || consent.topics.includes(topic)) return null;
  return new ApiError(
    'TOPIC_OPTED_OUT',
    `The customer does not receive ${TOPIC_WORDS[topic]} messages (turned off or never agreed to), and "${template.name}" is one; nothing was sent.`,
    { topic, topicSource: source, template: template.name, customerTopics: consent.topics },
  );
}

/**
 * The gate's single exception to "a template needs an opt-in": the double opt-in confirmation.
 * It holds only when ALL of these are true, so it cannot carry anything else to anyone else:
 * - the server itself sends it (SYSTEM_ACTOR), for purpose `optin_confirmation`;
 * - it is the confirmation template (a utility template whose only job is to ask "was it you?",
 *   which Meta lists as an allowed utility objective, reference §6.2);
 * - the customer gave this number on a public opt-in page, ticked the consent box and the
 *   submission is still pending (not confirmed, declined or expired);
 * - (checked earlier by the gate) the number has not opted out — a STOP always wins.
 * Each submission sends at most one (its idempotency key is the submission id), and submissions are
 * rate-limited per number and per client, so a stranger typing someone's number gets them one
 * message at most, which the owner can ignore or answer with STOP.
 */
export function allowsDoubleOptinRequest(db: DB, p: { phone: string; templateName: string; actorId: string; purpose: SendPurpose | undefined; now: number }): boolean {
  return (
    p.actorId === SYSTEM_AGENT_ID &&
    p.purpose === 'optin_confirmation' &&
    p.templateName === DOUBLE_OPTIN_TEMPLATE &&
    pendingWebOptin(db, p.phone, p.now) !== null
  );
}
