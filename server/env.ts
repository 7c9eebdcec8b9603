/**
 * The only place that reads `process.env`. Parsed once at start; a bad value stops the server with
 * the field that is wrong. With no `WHATSAPP_ACCESS_TOKEN` the server runs in sandbox mode.
 * @module
 */
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { DEFAULT_RATE_CARD } from '../shared/pricing/default-rate-card';
import { RateCard } from '../shared/schemas/rate-card';

const list = z
  .string()
  .optional()
  .transform((s) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : []));
const optionalString = z
  .string()
  .optional()
  .transform((s) => (s && s.trim() ? s.trim() : undefined));

export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  KOPRU_DATA_DIR: z.string().default('./data'),
  KOPRU_DEFAULT_REGION: z.string().regex(/^[A-Z]{2}$/, 'two upper-case letters, e.g. TR').default('TR'),
  KOPRU_ALLOWED_ORIGINS: list,
  KOPRU_PUBLIC_URL: optionalString,
  KOPRU_BUSINESS_NAME: z.string().default('Köprü Demo Mağazası'),
  KOPRU_SENDS_PER_MINUTE: z.coerce.number().int().positive().default(120),
  KOPRU_OPTOUT_KEYWORDS: list,
  KOPRU_OPTIN_KEYWORDS: list,
  KOPRU_REDIRECT_HOSTS: list,
  KOPRU_TRUST_PROXY: z.enum(['on', 'off']).default('off'),
  KOPRU_RATE_CARD_FILE: optionalString,
  KOPRU_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  WHATSAPP_ACCESS_TOKEN: optionalString,
  WHATSAPP_PHONE_NUMBER_ID: optionalString,
  WHATSAPP_WABA_ID: optionalString,
  WHATSAPP_APP_SECRET: optionalString,
  WHATSAPP_VERIFY_TOKEN: optionalString,
  WHATSAPP_BUSINESS_NUMBER: optionalString,
  WHATSAPP_GRAPH_URL: z.url().default('https://graph.facebook.com'),
  WHATSAPP_API_VERSION: z.string().regex(/^v\d+\.\d+$/, 'like v25.0').default('v25.0'),
  WHATSAPP_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  SANDBOX_WEBHOOK_URL: optionalString,
  SANDBOX_REVIEW_DELAY_MS: z.coerce.number().int().min(0).default(2000),
  SANDBOX_DELIVERY_DELAY_MS: z.coerce.number().int().min(0).default(400),
  SANDBOX_READ_DELAY_MS: z.coerce.number().int().min(0).default(1500),
  SANDBOX_THROUGHPUT_PER_SECOND: z.coerce.number().int().positive().default(1000),
  SANDBOX_PAIR_RATE: z.enum(['on', 'off']).default('on'),
});
export type Env = z.infer<typeof EnvSchema>;

/** Sandbox identities: what the built-in Cloud API emulator serves (see README). */
export const SANDBOX = {
  accessToken: 'sandbox-token',
  appSecret: 'sandbox-app-secret',
  verifyToken: 'sandbox-verify-token',
  wabaId: '200000000000001',
  phoneNumberId: '100000000000001',
  businessNumber: '908505551234',
} as const;

export type WhatsAppConfig = {
  graphUrl: string | (() => string);
  apiVersion: string;
  /** How long a Graph call may take before it counts as uncertain (it may still have reached Meta). */
  timeoutMs: number;
  accessToken: string;
  phoneNumberId: string;
  wabaId: string;
  appSecret: string;
  verifyToken: string;
  /** Digits of the business's WhatsApp number, for wa.me links. */
  businessNumber: string;
};

export type Config = {
  mode: 'sandbox' | 'live';
  port: number;
  host: string;
  dataDir: string;
  defaultRegion: string;
  allowedOrigins: string[];
  publicUrl?: string;
  businessName: string;
  sendsPerMinute: number;
  optOutKeywords: string[];
  optInKeywords: string[];
  /** Hosts tracked links may forward to (`shop.example.com`, `*.example.com`); empty = none. */
  redirectHosts: string[];
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (public-page rate limits). */
  trustProxy: boolean;
  logLevel: Env['KOPRU_LOG_LEVEL'];
  /** Per-message prices (KOPRU_RATE_CARD_FILE, else the approximate defaults). */
  rateCard: RateCard;
  whatsapp: WhatsAppConfig;
  sandbox: {
    webhookUrl?: string;
    reviewDelayMs: number;
    deliveryDelayMs: number;
    readDelayMs: number;
    throughputPerSecond: number;
    pairRate: boolean;
  };
};

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment (default `process.env`) into the server's configuration. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const rateCard = e.KOPRU_RATE_CARD_FILE ? readRateCard(e.KOPRU_RATE_CARD_FILE) : DEFAULT_RATE_CARD;
  const live = Boolean(e.WHATSAPP_ACCESS_TOKEN);
  if (live) {
    const missing = (['WHATSAPP_PHONE_NUMBER_ID', 'WHATSAPP_WABA_ID', 'WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN'] as const).filter(
      (k) => !e[k],
    );
    if (missing.length) throw new ConfigError(missing.map((k) => `${k}: required when WHATSAPP_ACCESS_TOKEN is set`));
  }
  return {
    mode: live ? 'live' : 'sandbox',
    port: e.PORT,
    host: e.HOST,
    dataDir: e.KOPRU_DATA_DIR,
    defaultRegion: e.KOPRU_DEFAULT_REGION,
    allowedOrigins: e.KOPRU_ALLOWED_ORIGINS,
    publicUrl: e.KOPRU_PUBLIC_URL,
    businessName: e.KOPRU_BUSINESS_NAME,
    sendsPerMinute: e.KOPRU_SENDS_PER_MINUTE,
    optOutKeywords: e.KOPRU_OPTOUT_KEYWORDS,
    optInKeywords: e.KOPRU_OPTIN_KEYWORDS,
    redirectHosts: e.KOPRU_REDIRECT_HOSTS.map((h) => h.toLowerCase()),
    trustProxy: e.KOPRU_TRUST_PROXY === 'on',
    logLevel: e.KOPRU_LOG_LEVEL,
    rateCard,
    whatsapp: live
      ? {
          graphUrl: e.WHATSAPP_GRAPH_URL,
          apiVersion: e.WHATSAPP_API_VERSION,
          timeoutMs: e.WHATSAPP_TIMEOUT_MS,
          accessToken: e.WHATSAPP_ACCESS_TOKEN!,
          phoneNumberId: e.WHATSAPP_PHONE_NUMBER_ID!,
          wabaId: e.WHATSAPP_WABA_ID!,
          appSecret: e.WHATSAPP_APP_SECRET!,
          verifyToken: e.WHATSAPP_VERIFY_TOKEN!,
          businessNumber: e.WHATSAPP_BUSINESS_NUMBER ?? '',
        }
      : {
          // The real address is only known once the server listens (PORT=0 in tests): start-server fills it.
          graphUrl: `http://127.0.0.1:${e.PORT}/sandbox/graph`,
          apiVersion: e.WHATSAPP_API_VERSION,
          timeoutMs: e.WHATSAPP_TIMEOUT_MS,
          accessToken: SANDBOX.accessToken,
          phoneNumberId: SANDBOX.phoneNumberId,
          wabaId: SANDBOX.wabaId,
          appSecret: e.WHATSAPP_APP_SECRET ?? SANDBOX.appSecret,
          verifyToken: e.WHATSAPP_VERIFY_TOKEN ?? SANDBOX.verifyToken,
          businessNumber: e.WHATSAPP_BUSINESS_NUMBER ?? SANDBOX.businessNumber,
        },
    sandbox: {
      webhookUrl: e.SANDBOX_WEBHOOK_URL,
      reviewDelayMs: e.SANDBOX_REVIEW_DELAY_MS,
      deliveryDelayMs: e.SANDBOX_DELIVERY_DELAY_MS,
      readDelayMs: e.SANDBOX_READ_DELAY_MS,
      throughputPerSecond: e.SANDBOX_THROUGHPUT_PER_SECOND,
      pairRate: e.SANDBOX_PAIR_RATE === 'on',
    },
  };
}

/** A rate-card JSON file (shared/schemas/rate-card.ts); a bad one stops the server with the reason. */
function readRateCard(file: string): RateCard {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError([`KOPRU_RATE_CARD_FILE: cannot read ${file} as JSON (${error instanceof Error ? error.message : String(error)})`]);
  }
  const card = RateCard.safeParse(json);
  if (!card.success) throw new ConfigError(card.error.issues.map((i) => `KOPRU_RATE_CARD_FILE ${i.path.join('.') || '(root)'}: ${i.message}`));
  return card.data;
}
