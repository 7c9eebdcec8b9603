/**
 * Köprü links in URL buttons. A template's URL button whose fixed part is Köprü's own
 * `…/r/` or `…/preferences/` gets its dynamic suffix from Köprü at send time:
 * - `/r/{code}` — click tracking (optional per template and button, set by an admin with the
 *   business URL to forward to): a fresh code per message; `GET /r/{code}` counts the click and
 *   answers 302 to the business URL, but only to hosts in KOPRU_REDIRECT_HOSTS (no open redirect);
 * - `/preferences/{token}` — the recipient's own signed preference-centre link (30 days).
 *
 * The agent's value for the button is still required (the template asks for it) and, for tracking,
 * becomes the `{{1}}` of the business URL. The rewrite happens once the gate has approved the
 * message and before its outbox row is written, so the row, the preview and the Graph call agree.
 * @module
 */
import { randomInt } from 'node:crypto';
import type { Template } from '../../shared/schemas/template';
import type { GraphComponent } from '../../shared/templates/render-template';
import { getTrackedLink, insertTrackedLink, recordClick, type TrackedLink } from '../db/clicks-repo';
import type { DB } from '../db/open-db';
import { getTemplateSetting } from '../db/preferences-repo';
import { getTemplate } from '../db/templates-repo';
import type { Deps } from '../deps';
import type { Approved } from './gate';
import { BUTTON_LINK_TTL_MS, preferenceToken } from './preference-center';
import { publicBase } from './public-url';

export type LinkKind = 'click_tracking' | 'preferences';
export type LinkButtonInfo = { index: number; text: string; url: string; link: LinkKind | null };

/** A template's URL buttons with a dynamic suffix, and whether Köprü fills that suffix. */
export function linkButtons(config: Deps['config'], t: Pick<Template, 'components'>): LinkButtonInfo[] {
  const base = publicBase(config);
  const buttons = t.components.find((c) => c.type === 'BUTTONS');
  if (!buttons || !('buttons' in buttons)) return [];
  const out: LinkButtonInfo[] = [];
  buttons.buttons.forEach((b, index) => {
    if (b.type !== 'URL' || !b.url.endsWith('{{1}}')) return;
    const fixed = b.url.slice(0, -'{{1}}'.length);
    const link = fixed === `${base}/r/` ? 'click_tracking' : fixed === `${base}/preferences/` ? 'preferences' : null;
    out.push({ index, text: b.text, url: b.url, link });
  });
  return out;
}

/** Whether `url` may be a redirect target: http(s) to a listed host (`shop.example.com` or `*.example.com`). */
export function isAllowedTarget(url: string, hosts: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url.replaceAll('{{1}}', 'x'));
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  if (parsed.username || parsed.password) return false;
  const host = parsed.hostname.toLowerCase();
  return hosts.some((h) => {
    const rule = h.toLowerCase();
    if (rule.startsWith('*.')) return host.endsWith(rule.slice(1)) && host.length > rule.length - 1;
    return host === rule;
  });
}

const CODE_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
const newLinkCode = () => Array.from({ length: 10 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

/**
 * Called by `submitMessage` (inside its transaction) with what the gate approved: fills Köprü's
 * link suffixes into the Graph components and the preview, and stores tracked links.
 */
export function applyLinkButtons(deps: Pick<Deps, 'db' | 'config' | 'clock'>, approved: Approved, m: { messageId: string; agentId: string; now: number }): Approved {
  if (approved.kind !== 'template' || !approved.template) return approved;
  const { name, language } = approved.template;
  const stored = getTemplate(deps.db, name, language);
  if (!stored) return approved;
  const buttons = linkButtons(deps.config, stored.template).filter((b) => b.link !== null);
  if (buttons.length === 0) return approved;
  const tracking = getTemplateSetting(deps.db, name)?.clickTracking ?? {};
  const suffixes = new Map<number, string>();
  for (const b of buttons) {
    const component = findUrlComponent(approved.template.components, b.index);
    if (!component) continue;
    if (b.link === 'preferences') {
      suffixes.set(b.index, preferenceToken(deps, approved.phone, BUTTON_LINK_TTL_MS));
    } else {
      const target = tracking[String(b.index)];
      if (!target) continue; // tracking not configured: the agent's value is used as it is
      const agentValue = component.parameters[0].text;
      const code = insertUniqueLink(deps.db, {
        messageId: m.messageId,
        buttonIndex: b.index,
        templateName: name,
        templateLanguage: language,
        agentId: m.agentId,
        targetUrl: target.includes('{{1}}') ? target.replaceAll('{{1}}', agentValue) : target,
        createdAt: m.now,
      });
      suffixes.set(b.index, code);
    }
  }
  if (suffixes.size === 0) return approved;
  const components = approved.template.components.map((c): GraphComponent => {
    if (c.type !== 'button' || c.sub_type !== 'url' || !suffixes.has(Number(c.index))) return c;
    return { ...c, parameters: [{ ...c.parameters[0], text: suffixes.get(Number(c.index))! }] };
  });
  const preview = {
    ...approved.preview,
    buttons: (approved.preview.buttons ?? []).map((b) => {
      const button = b as { index?: number; url?: string };
      const suffix = button.index !== undefined ? suffixes.get(button.index) : undefined;
      const info = buttons.find((x) => x.index === button.index);
      return suffix && info ? { ...button, url: info.url.replace('{{1}}', suffix) } : b;
    }),
  };
  return { ...approved, template: { ...approved.template, components }, preview };
}

function findUrlComponent(components: GraphComponent[], index: number) {
  for (const c of components) if (c.type === 'button' && c.sub_type === 'url' && Number(c.index) === index) return c;
  return null;
}

function insertUniqueLink(db: DB, link: Omit<TrackedLink, 'code'>): string {
  for (let i = 0; i < 10; i++) {
    const code = newLinkCode();
    if (insertTrackedLink(db, { ...link, code })) return code;
  }
  throw new Error('Could not find an unused link code.');
}

export type Redirect = { ok: true; location: string } | { ok: false; reason: 'unknown' | 'not_allowed' };

/** `GET /r/{code}`: counts the click and says where to go — only to an allowed host. */
export function followLink(deps: Pick<Deps, 'db' | 'config' | 'clock'>, code: string, opts: { count: boolean }): Redirect {
  const link = /^[A-Za-z0-9]{6,20}$/.test(code) ? getTrackedLink(deps.db, code) : null;
  if (!link) return { ok: false, reason: 'unknown' };
  // Checked again at click time: a host removed from the list stops forwarding at once.
  if (!isAllowedTarget(link.targetUrl, deps.config.redirectHosts)) return { ok: false, reason: 'not_allowed' };
  if (opts.count) recordClick(deps.db, code, deps.clock.now());
  return { ok: true, location: link.targetUrl };
}
