/**
 * Search, filters and ordering for the template list. Built for hundreds of templates: the folded
 * search text of each template is computed once per list, and a search is one pass of
 * `includes` with at most `limit` results rendered.
 *
 * @module
 */
import type { ApiTemplate } from '../../../shared/schemas/api-template';
import { templateKey } from '../../lib/template-key';
import { templateTopic, type TemplateTopic } from './template-topic';

/** Case-, accent- and dotted-İ-insensitive text for matching (`SİPARİŞ`, `siparis`, `Sipariş` all match). */
export const foldText = (s: string): string =>
  s.toLocaleLowerCase('tr').normalize('NFD').replace(/\p{M}/gu, '').replace(/ı/g, 'i').replace(/_/g, ' ');

export type IndexedTemplate = { template: ApiTemplate; key: string; name: string; body: string; topic: TemplateTopic };

export function indexTemplates(templates: ApiTemplate[]): IndexedTemplate[] {
  return templates.map((template) => {
    const body = template.components.find((c) => c.type === 'BODY');
    return {
      template,
      key: templateKey(template),
      name: foldText(template.name),
      body: foldText(body && 'text' in body ? body.text : ''),
      topic: templateTopic(template),
    };
  });
}

export type TemplateFilter = {
  query: string;
  language: string | null;
  topic: string | null;
  favourites: readonly string[];
  recents: readonly string[];
  limit: number;
  /**
   * The opted-in customer's topics, or null when topics decide nothing (no contact, not opted in).
   * A template on another topic cannot be sent to them: it stays listed, after the ones that can.
   */
  customerTopics?: readonly string[] | null;
};

export type FilteredTemplates = { items: IndexedTemplate[]; total: number };

/**
 * Order: name starts with the query, then name contains it, then only the body does; within
 * each, what this customer can receive first, then favourites, then recently used, then by name.
 * Without a query the same minus the match rank, so favourites and recents lead the list.
 */
export function filterTemplates(index: IndexedTemplate[], f: TemplateFilter): FilteredTemplates {
  const words = foldText(f.query).trim().split(/\s+/).filter(Boolean);
  const favourite = new Set(f.favourites);
  const recentRank = new Map(f.recents.map((k, i) => [k, i]));
  const scored: Array<{ item: IndexedTemplate; rank: number; blocked: number; pref: number }> = [];
  const topics = f.customerTopics ? new Set(f.customerTopics) : null;
  for (const item of index) {
    if (f.language && item.template.language !== f.language) continue;
    if (f.topic && item.topic !== f.topic) continue;
    let rank = 0;
    if (words.length) {
      const inName = words.every((w) => item.name.includes(w));
      if (inName) rank = item.name.startsWith(words[0]!) ? 0 : 1;
      else if (words.every((w) => item.name.includes(w) || item.body.includes(w))) rank = 2;
      else continue;
    }
    const pref = favourite.has(item.key) ? -1000 : recentRank.has(item.key) ? -100 + recentRank.get(item.key)! : 0;
    const blocked = topics && item.template.topic && !topics.has(item.template.topic) ? 1 : 0;
    scored.push({ item, rank, blocked, pref });
  }
  scored.sort((a, b) => a.rank - b.rank || a.blocked - b.blocked || a.pref - b.pref || a.item.name.localeCompare(b.item.name));
  return { items: scored.slice(0, f.limit).map((s) => s.item), total: scored.length };
}
