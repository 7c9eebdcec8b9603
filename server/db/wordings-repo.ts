/**
 * Versioned consent wordings. Rows are never changed: a new text is a new version.
 * @module
 */
import type { ConsentWording } from '../../shared/schemas/consent';
import type { DB } from './open-db';
import { prepared } from './prepared';

type Language = ConsentWording['language'];
type WordingRow = { id: string; language: Language; version: number; text: string; created_at: number };

/** The stored text; `{business}` placeholders are left for `renderWording` to fill. */
const toWording = (r: WordingRow): ConsentWording => ({
  id: r.id,
  version: r.version,
  language: r.language,
  text: r.text,
  createdAt: r.created_at,
});

export function getWording(db: DB, id: string): ConsentWording | null {
  const row = prepared(db, 'SELECT * FROM consent_wordings WHERE id = ?').get(id) as WordingRow | undefined;
  return row ? toWording(row) : null;
}

/** The newest version per language, Turkish first. */
export function listCurrentWordings(db: DB): ConsentWording[] {
  const rows = prepared(db, 
      `SELECT w.* FROM consent_wordings w
       WHERE w.version = (SELECT MAX(version) FROM consent_wordings v WHERE v.language = w.language)
       ORDER BY CASE w.language WHEN 'tr' THEN 0 ELSE 1 END`,
    )
    .all() as WordingRow[];
  return rows.map(toWording);
}

export function listAllWordings(db: DB): ConsentWording[] {
  return (prepared(db, "SELECT * FROM consent_wordings ORDER BY CASE language WHEN 'tr' THEN 0 ELSE 1 END, version DESC").all() as WordingRow[]).map(
    toWording,
  );
}

export function currentWording(db: DB, language: Language): ConsentWording | null {
  const row = prepared(db, 'SELECT * FROM consent_wordings WHERE language = ? ORDER BY version DESC LIMIT 1').get(language) as
    | WordingRow
    | undefined;
  return row ? toWording(row) : null;
}

/** Adds the next version for `language` (in one transaction, so two admins cannot both make v3). */
export function insertWording(db: DB, input: { language: Language; text: string; now: number }): ConsentWording {
  return db
    .transaction(() => {
      const max = prepared(db, 'SELECT MAX(version) FROM consent_wordings WHERE language = ?').pluck().get(input.language) as number | null;
      const version = (max ?? 0) + 1;
      const row: WordingRow = { id: `cw_${input.language}_v${version}`, language: input.language, version, text: input.text, created_at: input.now };
      prepared(db, 'INSERT INTO consent_wordings (id, language, version, text, created_at) VALUES (@id, @language, @version, @text, @created_at)').run(row);
      return toWording(row);
    })
    .immediate();
}
