/**
 * Which template values Köprü fills itself at send time, for `GET /api/templates`: the panel then
 * asks the agent for nothing there (and sends a placeholder), and its preview says the link is
 * added when sent. Mirrors what `applyLinkButtons` rewrites (click-tracking.ts):
 * - a URL button to `<public url>/preferences/{{1}}` always gets the recipient's signed link;
 * - a URL button to `<public url>/r/{{1}}` gets a tracked code only when an admin set its target;
 *   the agent's value is then ignored, unless the target itself has `{{1}}` (the value goes there).
 * @module
 */
import type { Template } from '../../shared/schemas/template';
import { getTemplateSetting } from '../db/preferences-repo';
import type { Deps } from '../deps';
import { linkButtons, type LinkKind } from './click-tracking';

export type ServerLink = { kind: LinkKind; ignoresAgentValue: boolean };

/** Button index → the link Köprü puts there. Empty for most templates (no settings read then). */
export function serverLinks(deps: Pick<Deps, 'db' | 'config'>, template: Pick<Template, 'name' | 'components'>): Map<number, ServerLink> {
  const out = new Map<number, ServerLink>();
  const buttons = linkButtons(deps.config, template).filter((b) => b.link !== null);
  if (buttons.length === 0) return out;
  const tracking = getTemplateSetting(deps.db, template.name)?.clickTracking ?? {};
  for (const b of buttons) {
    if (b.link === 'preferences') out.set(b.index, { kind: 'preferences', ignoresAgentValue: true });
    else {
      const target = tracking[String(b.index)];
      if (target) out.set(b.index, { kind: 'click_tracking', ignoresAgentValue: !target.includes('{{1}}') });
    }
  }
  return out;
}
