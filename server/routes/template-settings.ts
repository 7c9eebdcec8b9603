/**
 * What Köprü adds to each template (admin): its consent topic (the gate refuses a template whose
 * topic the customer turned off) and which URL buttons carry a tracked link.
 * `GET /api/template-settings` lists every template name with its topic (admin-set or inferred) and
 * link buttons; `POST /api/template-settings/:name` changes them.
 * @module
 */
import { Hono } from 'hono';
import * as z from 'zod';
import type { TemplateSetting } from '../../shared/schemas/preferences';
import { TemplateSettingInput } from '../../shared/schemas/preferences';
import type { AppEnv } from '../core/app-env';
import { requireRole } from '../core/auth';
import { isAllowedTarget, linkButtons, type LinkButtonInfo } from '../core/click-tracking';
import { templateTopic } from '../core/topic-gate';
import { getTemplateSetting, saveTemplateSetting } from '../db/preferences-repo';
import { listTemplates, type StoredTemplate } from '../db/templates-repo';
import type { Deps } from '../deps';
import { fail, validate } from '../errors';

export const TemplateNameParam = z.object({ name: z.string().min(1).max(512) });

export const templateSettingsRoute = (deps: Deps) => {
  /** Every stored language of each template name, in name order. */
  const byName = () => {
    const out = new Map<string, StoredTemplate[]>();
    for (const s of listTemplates(deps.db, { usableOnly: false, now: deps.clock.now() })) {
      out.set(s.template.name, [...(out.get(s.template.name) ?? []), s]);
    }
    return out;
  };
  /** URL buttons over all languages, by index (languages normally share the button layout). */
  const buttonsOf = (versions: StoredTemplate[]): LinkButtonInfo[] => {
    const seen = new Map<number, LinkButtonInfo>();
    for (const v of versions) for (const b of linkButtons(deps.config, v.template)) if (!seen.has(b.index) || b.link) seen.set(b.index, b);
    return [...seen.values()].sort((a, b) => a.index - b.index);
  };
  const view = (name: string, versions: StoredTemplate[]): TemplateSetting => {
    const first = versions[0]!.template;
    const setting = getTemplateSetting(deps.db, name);
    const { topic, source } = templateTopic(deps.db, first);
    return {
      name,
      languages: versions.map((v) => v.template.language),
      category: first.category,
      topic,
      topicSource: source,
      linkButtons: buttonsOf(versions).map((b) => ({ ...b, targetUrl: b.link === 'click_tracking' ? (setting?.clickTracking[String(b.index)] ?? null) : null })),
      updatedAt: setting?.updatedAt ?? null,
    };
  };

  return new Hono<AppEnv>()
    .use(requireRole('admin'))
    .get('/', (c) => c.json({ templates: [...byName()].map(([name, versions]) => view(name, versions)) }, 200))
    .post('/:name', validate('param', TemplateNameParam), validate('json', TemplateSettingInput), (c) => {
      const { name } = c.req.valid('param');
      const input = c.req.valid('json');
      const versions = byName().get(name);
      if (!versions) return fail(c, 'TEMPLATE_NOT_FOUND', `There is no template named "${name}".`, { name });
      const current = getTemplateSetting(deps.db, name);
      let clickTracking = current?.clickTracking ?? {};
      if (input.clickTracking) {
        const buttons = buttonsOf(versions);
        const problems: Array<{ path: string; message: string }> = [];
        for (const [index, target] of Object.entries(input.clickTracking)) {
          const button = buttons.find((b) => String(b.index) === index);
          if (button?.link !== 'click_tracking') {
            problems.push({ path: `clickTracking.${index}`, message: 'Button is not a URL button pointing at this server\'s /r/{{1}}, so its clicks cannot be tracked.' });
          } else if (!isAllowedTarget(target, deps.config.redirectHosts)) {
            problems.push({ path: `clickTracking.${index}`, message: 'The host of this URL is not in KOPRU_REDIRECT_HOSTS.' });
          }
        }
        if (problems.length) return fail(c, 'VALIDATION_FAILED', 'Some click-tracking targets cannot be used.', problems);
        clickTracking = input.clickTracking;
      }
      const topic = input.inferTopic ? null : input.topic === undefined ? (current?.topic ?? null) : input.topic;
      const noTopic = input.inferTopic ? false : input.topic === undefined ? (current?.noTopic ?? false) : input.topic === null;
      saveTemplateSetting(deps.db, { name, topic, noTopic, clickTracking, updatedBy: c.var.agent.id, updatedAt: deps.clock.now() });
      return c.json({ template: view(name, versions) }, 200);
    });
};
