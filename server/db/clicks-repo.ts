/**
 * Tracked links (one per message and URL button) and their clicks.
 * @module
 */
import type { ClickTemplateStats } from '../../shared/schemas/engagement';
import { prepared } from './messages-repo';
import type { DB } from './open-db';

export type TrackedLink = {
  code: string;
  messageId: string;
  buttonIndex: number;
  templateName: string;
  templateLanguage: string;
  agentId: string;
  targetUrl: string;
  createdAt: number;
};

type Row = {
  code: string;
  message_id: string;
  button_index: number;
  template_name: string;
  template_language: string;
  agent_id: string;
  target_url: string;
  created_at: number;
};

/** False when the code is taken (the caller draws another). */
export function insertTrackedLink(db: DB, l: TrackedLink): boolean {
  return (
    prepared(
      db,
      `INSERT OR IGNORE INTO tracked_links (code, message_id, button_index, template_name, template_language, agent_id, target_url, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(l.code, l.messageId, l.buttonIndex, l.templateName, l.templateLanguage, l.agentId, l.targetUrl, l.createdAt).changes === 1
  );
}

export function getTrackedLink(db: DB, code: string): TrackedLink | null {
  const r = prepared(db, 'SELECT * FROM tracked_links WHERE code = ?').get(code) as Row | undefined;
  return r
    ? {
        code: r.code,
        messageId: r.message_id,
        buttonIndex: r.button_index,
        templateName: r.template_name,
        templateLanguage: r.template_language,
        agentId: r.agent_id,
        targetUrl: r.target_url,
        createdAt: r.created_at,
      }
    : null;
}

export function listLinksForMessage(db: DB, messageId: string): TrackedLink[] {
  return (prepared(db, 'SELECT code FROM tracked_links WHERE message_id = ? ORDER BY button_index').pluck().all(messageId) as string[]).map(
    (code) => getTrackedLink(db, code)!,
  );
}

export function recordClick(db: DB, code: string, at: number): void {
  prepared(db, 'INSERT INTO link_clicks (code, at) VALUES (?, ?)').run(code, at);
}

/**
 * Per template, for tracked links created in [from, to): messages WhatsApp accepted, clicks, and
 * messages clicked at least once. `agentId` narrows to one agent's messages.
 */
export function clickStats(db: DB, range: { from: number; to: number; agentId?: string }): ClickTemplateStats[] {
  const rows = prepared(
    db,
    `SELECT l.template_name AS name, l.template_language AS language,
       COUNT(DISTINCT CASE WHEN m.status IN ('accepted', 'sent', 'delivered', 'read') THEN l.message_id END) AS sent,
       COUNT(c.id) AS clicks,
       COUNT(DISTINCT CASE WHEN c.id IS NOT NULL THEN l.message_id END) AS uniqueClicks
     FROM tracked_links l
     JOIN messages m ON m.id = l.message_id
     LEFT JOIN link_clicks c ON c.code = l.code
     WHERE l.created_at >= @from AND l.created_at < @to AND (@agentId IS NULL OR l.agent_id = @agentId)
     GROUP BY l.template_name, l.template_language
     ORDER BY l.template_name, l.template_language`,
  ).all({ from: range.from, to: range.to, agentId: range.agentId ?? null }) as Array<Omit<ClickTemplateStats, 'clickThroughRate'>>;
  return rows.map((r) => ({ ...r, clickThroughRate: r.sent > 0 ? Math.round((r.uniqueClicks / r.sent) * 10_000) / 10_000 : 0 }));
}
