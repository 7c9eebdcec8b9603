/**
 * The values an agent fills into a template, keyed the same way everywhere (panel form, API,
 * `renderTemplate`, `templateVariables`).
 *
 * | Where in the template                 | Key                        | Value                                                              |
 * |---------------------------------------|----------------------------|--------------------------------------------------------------------|
 * | Body, POSITIONAL `{{1}}`, `{{2}}`…    | `"1"`, `"2"`, …            | text, or a `currency` / `date_time` object                         |
 * | Body, NAMED `{{order_id}}`            | `"order_id"`               | text, or a `currency` / `date_time` object                         |
 * | Header text parameter (both formats)  | `"header"`                 | text (≤ 60 characters once rendered)                               |
 * | Header IMAGE / VIDEO / DOCUMENT       | `"header"`                 | an `https://` URL string (sent as `link`) or a media object        |
 * | Header LOCATION                       | `"header"`                 | a `location` object                                                |
 * | URL button with `{{1}}` at `index`    | `"button.<index>"`         | the dynamic suffix as raw text — `renderTemplate` percent-encodes it |
 * | COPY_CODE button at `index`           | `"button.<index>"`         | the coupon code (≤ 15 characters)                                  |
 * | QUICK_REPLY button at `index`         | `"button.<index>"`         | optional payload echoed back on tap; absent → no payload is sent   |
 *
 * `<index>` is the 0-based position in the template's BUTTONS array, counting static buttons
 * (phone, static URL) too — exactly Meta's `index` (reference §3.1).
 *
 * A repeated placeholder (`{{1}}` twice) takes one value. For `currency` and `date_time` the
 * preview shows `fallback_value`, which is also what the Cloud API renders.
 *
 * @module
 */
import * as z from 'zod';

export const CurrencyValue = z.object({
  type: z.literal('currency'),
  fallback_value: z.string(),
  code: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as TRY or USD'),
  /** The amount × 1000 (₺12,50 → 12500). */
  amount_1000: z.number().int(),
});
export type CurrencyValue = z.infer<typeof CurrencyValue>;

export const DateTimeValue = z.object({
  type: z.literal('date_time'),
  fallback_value: z.string(),
});
export type DateTimeValue = z.infer<typeof DateTimeValue>;

export const MediaValue = z
  .object({
    type: z.enum(['image', 'video', 'document']),
    link: z.url().optional(),
    id: z.string().min(1).optional(),
    /** Shown to the customer for documents only. */
    filename: z.string().optional(),
  })
  .refine((m) => (m.link === undefined) !== (m.id === undefined), {
    message: 'Give exactly one of link or id for a media header.',
  });
export type MediaValue = z.infer<typeof MediaValue>;

export const LocationValue = z.object({
  type: z.literal('location'),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  name: z.string().optional(),
  address: z.string().optional(),
});
export type LocationValue = z.infer<typeof LocationValue>;

export const TemplateValue = z.union([
  z.string(),
  z.discriminatedUnion('type', [CurrencyValue, DateTimeValue, MediaValue, LocationValue]),
]);
export type TemplateValue = z.infer<typeof TemplateValue>;

/** Keyed as in the table above. */
export const TemplateValues = z.record(z.string(), TemplateValue);
export type TemplateValues = z.infer<typeof TemplateValues>;
