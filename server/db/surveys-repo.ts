/**
 * Quick-reply answers to feedback templates, one per message, and their distribution.
 * @module
 */
import type { SurveyTemplateStats } from '../../shared/schemas/engagement';
import { prepared } from './messages-repo';
import type { DB } from './open-db';

export type SurveyAnswer = {
  messageId: string;
  templateName: string;
  templateLanguage: string;
  agentId: string;
  ticketJson: string | null;
  phone: string;
  answer: string;
  payload: string | null;
  inboundWamid: string;
  answeredAt: number;
};

/** A second tap on the same message replaces the first: the customer changed their answer. */
export function upsertSurveyAnswer(db: DB, a: SurveyAnswer): void {
  prepared(
    db,
    `INSERT INTO survey_answers (message_id, template_name, template_language, agent_id, ticket_json, phone, answer, payload, inbound_wamid, answered_at)
     VALUES (@messageId, @templateName, @templateLanguage, @agentId, @ticketJson, @phone, @answer, @payload, @inboundWamid, @answeredAt)
     ON CONFLICT (message_id) DO UPDATE SET answer = excluded.answer, payload = excluded.payload,
       inbound_wamid = excluded.inbound_wamid, answered_at = excluded.answered_at`,
  ).run(a);
}

export function getSurveyAnswer(db: DB, messageId: string): SurveyAnswer | null {
  const r = prepared(
    db,
    `SELECT message_id AS messageId, template_name AS templateName, template_language AS templateLanguage, agent_id AS agentId,
       ticket_json AS ticketJson, phone, answer, payload, inbound_wamid AS inboundWamid, answered_at AS answeredAt
     FROM survey_answers WHERE message_id = ?`,
  ).get(messageId) as SurveyAnswer | undefined;
  return r ?? null;
}

/** Answers given in [from, to), per template and per agent; `agentId` narrows to one agent. */
export function surveyStats(db: DB, range: { from: number; to: number; agentId?: string }): SurveyTemplateStats[] {
  const rows = prepared(
    db,
    `SELECT s.template_name AS name, s.template_language AS language, s.agent_id AS agentId, COALESCE(a.name, s.agent_id) AS agentName,
       s.answer AS answer, COUNT(*) AS n
     FROM survey_answers s LEFT JOIN agents a ON a.id = s.agent_id
     WHERE s.answered_at >= @from AND s.answered_at < @to AND (@agentId IS NULL OR s.agent_id = @agentId)
     GROUP BY s.template_name, s.template_language, s.agent_id, s.answer
     ORDER BY s.template_name, s.template_language, agentName, s.agent_id`,
  ).all({ from: range.from, to: range.to, agentId: range.agentId ?? null }) as Array<{
    name: string;
    language: string;
    agentId: string;
    agentName: string;
    answer: string;
    n: number;
  }>;
  const templates = new Map<string, SurveyTemplateStats>();
  for (const r of rows) {
    const key = `${r.name}\u0000${r.language}`;
    let t = templates.get(key);
    if (!t) templates.set(key, (t = { name: r.name, language: r.language, total: 0, answers: {}, byAgent: [] }));
    t.total += r.n;
    t.answers[r.answer] = (t.answers[r.answer] ?? 0) + r.n;
    let agent = t.byAgent.find((a) => a.agentId === r.agentId);
    if (!agent) t.byAgent.push((agent = { agentId: r.agentId, agentName: r.agentName, total: 0, answers: {} }));
    agent.total += r.n;
    agent.answers[r.answer] = (agent.answers[r.answer] ?? 0) + r.n;
  }
  return [...templates.values()];
}
