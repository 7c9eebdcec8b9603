/**
 * Meta's WhatsApp message-template object, as the Graph API returns it
 * (`GET /{waba}/message_templates`) and as Köprü stores it.
 *
 * Meta answers with upper-case `type`/`format` even when a template was created with lower-case
 * ones (reference §1.3), and accepts either case on create, so every enum here is case-insensitive
 * on input and upper-case on output.
 *
 * @module
 */
import * as z from 'zod';

const upper = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.toUpperCase() : v), z.enum(values));

export const TemplateStatus = upper([
  'APPROVED', 'PENDING', 'REJECTED', 'PAUSED', 'DISABLED', 'IN_APPEAL', 'PENDING_DELETION',
  'DELETED', 'LIMIT_EXCEEDED', 'ARCHIVED',
] as const);
export type TemplateStatus = z.infer<typeof TemplateStatus>;

export const TemplateCategory = upper(['UTILITY', 'MARKETING', 'AUTHENTICATION'] as const);
export type TemplateCategory = z.infer<typeof TemplateCategory>;

export const ParameterFormat = upper(['POSITIONAL', 'NAMED'] as const);
export type ParameterFormat = z.infer<typeof ParameterFormat>;

export const QualityScoreValue = upper(['GREEN', 'YELLOW', 'RED', 'UNKNOWN'] as const);
export type QualityScoreValue = z.infer<typeof QualityScoreValue>;

export const RejectedReason = upper([
  'ABUSIVE_CONTENT', 'INCORRECT_CATEGORY', 'INVALID_FORMAT', 'PROMOTIONAL', 'SCAM',
  'TAG_CONTENT_MISMATCH', 'NONE', 'CATEGORY_NOT_AVAILABLE',
] as const);
export type RejectedReason = z.infer<typeof RejectedReason>;

/** `{ param_name, example }` — the example shape of NAMED templates. */
export const NamedParamExample = z.object({ param_name: z.string(), example: z.string() });
export type NamedParamExample = z.infer<typeof NamedParamExample>;

export const HeaderTextComponent = z.object({
  type: z.literal('HEADER'),
  format: z.literal('TEXT'),
  text: z.string(),
  example: z
    .object({
      header_text: z.array(z.string()).optional(),
      header_text_named_params: z.array(NamedParamExample).optional(),
    })
    .optional(),
});

export const MediaFormat = z.enum(['IMAGE', 'VIDEO', 'DOCUMENT']);
export type MediaFormat = z.infer<typeof MediaFormat>;

export const HeaderMediaComponent = z.object({
  type: z.literal('HEADER'),
  format: MediaFormat,
  example: z.object({ header_handle: z.array(z.string()).optional() }).optional(),
});

export const HeaderLocationComponent = z.object({
  type: z.literal('HEADER'),
  format: z.literal('LOCATION'),
});

export const BodyComponent = z.object({
  type: z.literal('BODY'),
  text: z.string(),
  example: z
    .object({
      body_text: z.array(z.array(z.string())).optional(),
      body_text_named_params: z.array(NamedParamExample).optional(),
    })
    .optional(),
});

export const FooterComponent = z.object({ type: z.literal('FOOTER'), text: z.string() });

export const QuickReplyButton = z.object({ type: z.literal('QUICK_REPLY'), text: z.string() });
export const UrlButton = z.object({
  type: z.literal('URL'),
  text: z.string(),
  url: z.string(),
  /** Example of the full URL or of the suffix; Meta accepts both. */
  example: z.array(z.string()).optional(),
});
export const PhoneNumberButton = z.object({
  type: z.literal('PHONE_NUMBER'),
  text: z.string(),
  phone_number: z.string(),
});
export const CopyCodeButton = z.object({
  type: z.literal('COPY_CODE'),
  text: z.string().optional(),
  example: z.union([z.string(), z.array(z.string())]).optional(),
});
export const FlowButton = z.object({
  type: z.literal('FLOW'),
  text: z.string(),
  flow_id: z.union([z.string(), z.number()]).optional(),
  flow_name: z.string().optional(),
  flow_action: z.string().optional(),
  navigate_screen: z.string().optional(),
});

const buttonCase = (v: unknown) =>
  v && typeof v === 'object' && typeof (v as { type?: unknown }).type === 'string'
    ? { ...v, type: (v as { type: string }).type.toUpperCase() }
    : v;

export const TemplateButton = z.preprocess(
  buttonCase,
  z.discriminatedUnion('type', [QuickReplyButton, UrlButton, PhoneNumberButton, CopyCodeButton, FlowButton]),
);
export type TemplateButton = z.infer<typeof TemplateButton>;

export const ButtonsComponent = z.object({
  type: z.literal('BUTTONS'),
  buttons: z.array(TemplateButton).min(1),
});

const componentCase = (v: unknown) => {
  if (!v || typeof v !== 'object') return v;
  const c = { ...(v as Record<string, unknown>) };
  if (typeof c.type === 'string') c.type = c.type.toUpperCase();
  if (typeof c.format === 'string') c.format = c.format.toUpperCase();
  return c;
};

export const HeaderComponent = z.union([HeaderTextComponent, HeaderMediaComponent, HeaderLocationComponent]);
export type HeaderComponent = z.infer<typeof HeaderComponent>;

export const TemplateComponent = z.preprocess(
  componentCase,
  z.union([HeaderTextComponent, HeaderMediaComponent, HeaderLocationComponent, BodyComponent, FooterComponent, ButtonsComponent]),
);
export type TemplateComponent = z.infer<typeof TemplateComponent>;
export type BodyComponent = z.infer<typeof BodyComponent>;
export type FooterComponent = z.infer<typeof FooterComponent>;
export type ButtonsComponent = z.infer<typeof ButtonsComponent>;

export const QualityScore = z.object({ score: QualityScoreValue, date: z.number().optional() });
export type QualityScore = z.infer<typeof QualityScore>;

/** Meta locale codes use an underscore (`en_US`); webhooks sometimes print a hyphen. */
export const LanguageCode = z
  .string()
  .regex(/^[a-z]{2,3}([_-][A-Za-z]{2,4})?$/, 'a Meta locale code such as tr, en or en_US')
  .transform((s) => s.replace('-', '_'));

/** A template as returned by the Graph API. */
export const Template = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  name: z.string(),
  language: LanguageCode,
  status: TemplateStatus,
  category: TemplateCategory,
  sub_category: z.string().optional(),
  parameter_format: ParameterFormat.default('POSITIONAL'),
  components: z.array(TemplateComponent).min(1),
  previous_category: z.string().optional(),
  correct_category: z.string().optional(),
  quality_score: QualityScore.optional(),
  rejected_reason: z.string().optional(),
  message_send_ttl_seconds: z.number().optional(),
});
export type Template = z.infer<typeof Template>;

/** The body of `POST /{waba}/message_templates` (what a template creator sends to Meta). */
export const TemplateDraft = z.object({
  name: z.string(),
  language: LanguageCode,
  category: TemplateCategory,
  sub_category: z.string().optional(),
  parameter_format: ParameterFormat.optional(),
  message_send_ttl_seconds: z.number().int().optional(),
  allow_category_change: z.boolean().optional(),
  components: z.array(TemplateComponent).min(1),
});
export type TemplateDraft = z.infer<typeof TemplateDraft>;
