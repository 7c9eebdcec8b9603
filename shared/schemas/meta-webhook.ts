/**
 * Meta's webhook payloads (reference §5.3–5.6), as far as Köprü reads them. Lenient on purpose:
 * Meta adds fields between Graph versions and removes others (`conversation`, `billable`,
 * `current_limit`), so unknown keys pass through and only what we act on is required.
 * The envelope is parsed as a whole; each change's `value` and each status/message inside it is
 * parsed on its own, so one odd item never costs us the rest of a 1,000-item batch.
 * @module
 */
import * as z from 'zod';

/**
 * Timestamps are strings of Unix seconds in `messages`, numbers elsewhere. Bounded so that `× 1000`
 * stays a safe integer: a garbage value ('999…' of 400 digits, 1e306) makes its item invalid here
 * instead of turning into Infinity downstream (the consent hash cannot encode it, a window would
 * never close).
 */
const MAX_UNIX_SECONDS = Math.floor(Number.MAX_SAFE_INTEGER / 1000);
const UnixSeconds = z
  .union([z.string().regex(/^\d{1,16}$/), z.number().int().nonnegative()])
  .transform(Number)
  .pipe(z.number().max(MAX_UNIX_SECONDS));

export const MetaWebhookError = z.looseObject({
  code: z.coerce.number().int(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.looseObject({ details: z.string().optional() }).optional(),
});
export type MetaWebhookError = z.infer<typeof MetaWebhookError>;

export const MetaPricing = z.looseObject({
  billable: z.boolean().optional(),
  pricing_model: z.string().optional(),
  type: z.string().optional(),
  category: z.string().optional(),
});
export type MetaPricing = z.infer<typeof MetaPricing>;

/** One entry of `value.statuses[]`: what happened to a message we sent. */
export const MetaStatus = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  timestamp: UnixSeconds,
  recipient_id: z.string().optional(),
  biz_opaque_callback_data: z.string().optional(),
  pricing: MetaPricing.optional(),
  errors: z.array(MetaWebhookError).optional(),
});
export type MetaStatus = z.infer<typeof MetaStatus>;

/** One entry of `value.messages[]`: something a customer sent us. */
export const MetaInboundMessage = z.looseObject({
  from: z.string().min(1),
  id: z.string().min(1),
  timestamp: UnixSeconds,
  type: z.string(),
  text: z.looseObject({ body: z.string() }).optional(),
  button: z.looseObject({ payload: z.string().optional(), text: z.string().optional() }).optional(),
  interactive: z
    .looseObject({
      type: z.string().optional(),
      button_reply: z.looseObject({ id: z.string().optional(), title: z.string().optional() }).optional(),
      list_reply: z.looseObject({ id: z.string().optional(), title: z.string().optional() }).optional(),
    })
    .optional(),
  context: z.looseObject({ from: z.string().optional(), id: z.string().optional() }).optional(),
});
export type MetaInboundMessage = z.infer<typeof MetaInboundMessage>;

export const MetaContact = z.looseObject({
  wa_id: z.string().optional(),
  profile: z.looseObject({ name: z.string().optional() }).optional(),
});

/** `user_preferences[]`: the customer stopped or resumed marketing messages in WhatsApp's UI. */
export const MetaUserPreference = z.looseObject({
  wa_id: z.string().min(1),
  value: z.enum(['stop', 'resume']),
  category: z.string().optional(),
  detail: z.string().optional(),
  timestamp: UnixSeconds.optional(),
});
export type MetaUserPreference = z.infer<typeof MetaUserPreference>;

/** `field: "messages"` (and `user_preferences`): arrays stay `unknown[]`; items are parsed one by one. */
export const MetaMessagesValue = z.looseObject({
  contacts: z.array(MetaContact).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  user_preferences: z.array(z.unknown()).optional(),
});

const TemplateRef = {
  message_template_id: z.union([z.number(), z.string()]).transform(String),
  message_template_name: z.string(),
  message_template_language: z.string(),
};

export const MetaTemplateStatusUpdate = z.looseObject({
  ...TemplateRef,
  event: z.string(),
  reason: z.string().nullable().optional(),
  message_template_category: z.string().optional(),
  other_info: z.looseObject({ title: z.string().optional(), description: z.string().optional() }).optional(),
});
export type MetaTemplateStatusUpdate = z.infer<typeof MetaTemplateStatusUpdate>;

export const MetaTemplateCategoryUpdate = z.looseObject({
  ...TemplateRef,
  new_category: z.string().optional(),
  previous_category: z.string().optional(),
  correct_category: z.string().optional(),
});
export type MetaTemplateCategoryUpdate = z.infer<typeof MetaTemplateCategoryUpdate>;

export const MetaTemplateQualityUpdate = z.looseObject({
  ...TemplateRef,
  new_quality_score: z.string(),
  previous_quality_score: z.string().optional(),
});
export type MetaTemplateQualityUpdate = z.infer<typeof MetaTemplateQualityUpdate>;

export const MetaTemplateComponentsUpdate = z.looseObject({ ...TemplateRef });

export const MetaWebhookChange = z.looseObject({ field: z.string(), value: z.unknown() });

export const MetaWebhook = z.looseObject({
  object: z.string(),
  entry: z.array(z.looseObject({ id: z.string().optional(), time: z.number().optional(), changes: z.array(MetaWebhookChange).default([]) })),
});
export type MetaWebhook = z.infer<typeof MetaWebhook>;
