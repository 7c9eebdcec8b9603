import type { ApiTemplate } from '../../shared/schemas/api-template';

/** `name:language` — stable across template re-syncs (Meta ids change when a template is re-created). */
export const templateKey = (t: Pick<ApiTemplate, 'name' | 'language'>): string => `${t.name}:${t.language}`;

/** How many recently used templates the picker remembers. */
export const RECENT_LIMIT = 8;
