/**
 * Opt-in entry points: the named places where customers opt in outside the helpdesk (a website
 * pop-up, a QR code on packaging, an invoice insert, …). Each has a keyword code the customer sends
 * from WhatsApp, a wa.me link and QR code carrying it, a printable card, and — for web sources — a
 * public double opt-in page.
 * @module
 */
import * as z from 'zod';
import { ConsentTopic } from './consent';

export const EntryPointSource = z.enum([
  'website_popup',
  'embedded_form',
  'chat_widget',
  'account_settings',
  'email_invite',
  'sms_invite',
  'click_to_optin_link',
  'qr_point_of_sale',
  'qr_packaging',
  'qr_print',
  'qr_event',
  'qr_invoice',
  'in_app',
  'in_store_sign',
  'service_desk',
  'billing_insert',
  'loyalty',
]);
export type EntryPointSource = z.infer<typeof EntryPointSource>;

/** Sources a customer reaches on a screen: these get a public opt-in page (`/optin/{slug}`). */
export const WEB_ENTRY_SOURCES: readonly EntryPointSource[] = [
  'website_popup',
  'embedded_form',
  'chat_widget',
  'account_settings',
  'email_invite',
  'sms_invite',
  'click_to_optin_link',
  'in_app',
  'loyalty',
];

export const isWebSource = (s: EntryPointSource): boolean => WEB_ENTRY_SOURCES.includes(s);

/** An https origin such as `https://shop.example.com` (no path). */
const Origin = z
  .string()
  .trim()
  .regex(/^https:\/\/[a-z0-9.-]+(:\d{1,5})?$/i, 'an https origin such as https://shop.example.com');

/** `POST /api/entry-points` body. */
export const EntryPointInput = z.object({
  name: z.string().trim().min(1).max(100),
  source: EntryPointSource,
  topics: z.array(ConsentTopic).min(1).max(ConsentTopic.options.length),
  /** The consent wording version shown (default: the newest); must exist in at least one language. */
  wordingVersion: z.number().int().positive().optional(),
  /** Language of the prefilled WhatsApp text and the default card (default: from the server's region). */
  language: z.enum(['tr', 'en']).optional(),
  /** Sites that may frame the public page (embed snippet); default any https site. */
  embedOrigins: z.array(Origin).max(20).optional(),
});
export type EntryPointInput = z.infer<typeof EntryPointInput>;

export const EntryPointCounts = z.object({
  /** Opt-ins recorded through this entry point (WhatsApp code + confirmed web form). */
  optIns: z.number().int(),
  viaCode: z.number().int(),
  viaWebForm: z.number().int(),
  /** Web submissions still waiting for the customer's WhatsApp confirmation. */
  pending: z.number().int(),
  pageViews: z.number().int(),
});
export type EntryPointCounts = z.infer<typeof EntryPointCounts>;

export const EntryPoint = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  source: EntryPointSource,
  code: z.string(),
  topics: z.array(ConsentTopic),
  language: z.enum(['tr', 'en']),
  wordings: z.object({ tr: z.string(), en: z.string() }),
  waMeLink: z.string(),
  /** Asset URLs under /api/: fetch them with the same bearer token. */
  qrSvgUrl: z.string(),
  qrPngUrl: z.string(),
  cardUrl: z.string(),
  /** The public double opt-in page (web sources only). */
  optinUrl: z.string().nullable(),
  /** An iframe for the shop's website (web sources only). */
  embedSnippet: z.string().nullable(),
  embedOrigins: z.array(z.string()).nullable(),
  createdAt: z.number(),
  counts: EntryPointCounts,
});
export type EntryPoint = z.infer<typeof EntryPoint>;
