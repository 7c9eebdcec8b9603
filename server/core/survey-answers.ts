/**
 * Quick-reply answers to feedback templates. When a customer taps a quick reply on one of our
 * template messages, Meta's webhook names that message (`context.id`, reference §5.4); if the
 * template is a feedback template, the answer is stored against the message, its agent and its
 * ticket, for the survey figures in Insights.
 *
 * A feedback template is one whose topic is `surveys` (set by an admin or inferred from its name),
 * or whose quick replies are all survey answers (a 1–5 scale, Evet/Hayır, Yes/No).
 * @module
 */
import type { Template } from '../../shared/schemas/template';
import { findMessageRowByWamid } from '../db/messages-repo';
import type { DB } from '../db/open-db';
import { upsertSurveyAnswer } from '../db/surveys-repo';
import { getTemplate } from '../db/templates-repo';
import { foldings } from './keywords';
import { templateTopic } from './topic-gate';

const SCALE_OR_YES_NO = /^(\d{1,2}|[⭐★]{1,5}|evet|hayir|yes|no|👍|👎)$/u;

const quickReplies = (t: Pick<Template, 'components'>): string[] =>
  t.components.flatMap((c) => (c.type === 'BUTTONS' && 'buttons' in c ? c.buttons.filter((b) => b.type === 'QUICK_REPLY').map((b) => b.text) : []));

const looksLikeAnswer = (label: string) => [label.trim(), ...foldings(label)].some((f) => SCALE_OR_YES_NO.test(f));

export function isFeedbackTemplate(db: DB, t: Template): boolean {
  const replies = quickReplies(t);
  if (replies.length === 0) return false;
  return templateTopic(db, t).topic === 'surveys' || replies.every(looksLikeAnswer);
}

/**
 * Stores the answer if `contextWamid` is one of our feedback-template messages to this customer
 * (call inside the inbound transaction). True when stored.
 */
export function recordSurveyAnswer(
  db: DB,
  m: { contextWamid: string; phone: string; buttonText?: string; buttonPayload?: string; wamid: string; at: number },
): boolean {
  const message = findMessageRowByWamid(db, m.contextWamid);
  if (!message || message.kind !== 'template' || message.phone !== m.phone || !message.template_name || !message.template_language) return false;
  const stored = getTemplate(db, message.template_name, message.template_language);
  if (!stored || !isFeedbackTemplate(db, stored.template)) return false;
  const answer = (m.buttonText ?? m.buttonPayload ?? '').trim();
  if (!answer) return false;
  upsertSurveyAnswer(db, {
    messageId: message.id,
    templateName: message.template_name,
    templateLanguage: message.template_language,
    agentId: message.agent_id,
    ticketJson: message.ticket_json,
    phone: m.phone,
    answer: answer.slice(0, 100),
    payload: m.buttonPayload ?? null,
    inboundWamid: m.wamid,
    answeredAt: m.at,
  });
  return true;
}
