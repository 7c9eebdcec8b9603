/**
 * What a customer may choose (topics) and what Köprü adds to a template: the consent topic it
 * belongs to (the gate refuses a template whose topic the customer turned off) and the URL
 * buttons that carry a Köprü link (a tracked redirect or the customer's preference centre).
 * @module
 */
import * as z from 'zod';
import { ConsentTopic } from './consent';

/** Where a template's topic came from: an admin, the template's name, or nowhere (not topic-bound). */
export const TopicSource = z.enum(['admin', 'inferred', 'none']);
export type TopicSource = z.infer<typeof TopicSource>;

export const LinkButton = z.object({
  index: z.number().int().min(0),
  text: z.string(),
  url: z.string(),
  /** What Köprü puts in the dynamic suffix at send time, if anything. */
  link: z.enum(['click_tracking', 'preferences']).nullable(),
  /** For click tracking: where `/r/{code}` forwards to (`{{1}}` = the agent's value). */
  targetUrl: z.string().nullable(),
});
export type LinkButton = z.infer<typeof LinkButton>;

export const TemplateSetting = z.object({
  name: z.string(),
  languages: z.array(z.string()),
  category: z.string(),
  topic: ConsentTopic.nullable(),
  topicSource: TopicSource,
  linkButtons: z.array(LinkButton),
  updatedAt: z.number().nullable(),
});
export type TemplateSetting = z.infer<typeof TemplateSetting>;

/**
 * `POST /api/template-settings/:name` body. `topic: null` = this template is not bound to a topic
 * (any opt-in covers it); leaving `topic` out keeps what is set. `clickTracking` maps a URL
 * button's index to the business URL its `/r/{code}` link forwards to (`{}` turns tracking off).
 */
export const TemplateSettingInput = z
  .object({
    topic: ConsentTopic.nullable().optional(),
    /** Forget the admin's choice and go back to the topic inferred from the name. */
    inferTopic: z.literal(true).optional(),
    clickTracking: z.record(z.string().regex(/^\d{1,2}$/, 'a button index'), z.url({ protocol: /^https?$/ }).max(2000)).optional(),
  })
  .strict()
  .refine((b) => !(b.inferTopic && b.topic !== undefined), { message: 'Give either topic or inferTopic, not both.' });
export type TemplateSettingInput = z.infer<typeof TemplateSettingInput>;
