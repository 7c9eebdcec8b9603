/**
 * Meta's error envelope and the catalogue of codes the sandbox answers with.
 *
 * Every Graph error is `{ error: { message: "(#code) title", type, code, error_subcode?, error_data:
 * { messaging_product, details }, error_user_title?, error_user_msg?, fbtrace_id } }` with the HTTP
 * status from reference §4.2. Two kinds of error keep Meta's own un-prefixed messages because that is
 * what Graph prints for them: token errors (190) and unknown objects (100/33).
 *
 * Choice for throughput (130429): HTTP **429** with `Retry-After: 1`. Meta's old table lists 400, but
 * gateways and emulators commonly answer 429; clients must branch on `code`, never on the status.
 *
 * @module
 */
import type { Context } from 'hono';
import { newFbtraceId } from './identity';

export type GraphError = {
  code: number;
  /** Defaults to the catalogue title for `code`. */
  title?: string;
  details?: string;
  subcode?: number;
  type?: 'OAuthException' | 'GraphMethodException';
  /** Replaces the whole `(#code) title` message (token and unknown-object errors). */
  message?: string;
  userTitle?: string;
  userMsg?: string;
  isTransient?: boolean;
  httpStatus?: number;
};

type CatalogueEntry = { title: string; details?: string };

/** Titles as Meta prints them in `(#code) title`; details are the usual `error_data.details`. */
export const ERROR_CATALOGUE: Record<number, CatalogueEntry> = {
  100: { title: 'Invalid parameter' },
  190: { title: 'Invalid OAuth access token' },
  2500: { title: 'Unknown path components' },
  130429: { title: 'Rate limit hit', details: 'Cloud API message throughput has been reached.' },
  130472: {
    title: "User's number is part of an experiment",
    details: "Failed to send message because this user's phone number is part of an experiment.",
  },
  131000: { title: 'Something went wrong', details: 'Message failed to send due to an unknown error.' },
  131008: { title: 'Required parameter is missing' },
  131009: { title: 'Parameter value is not valid' },
  131016: { title: 'Service unavailable', details: 'A service is temporarily unavailable. Please try again later.' },
  131026: {
    title: 'Message undeliverable',
    details:
      'Unable to deliver message. Reasons can include: the recipient phone number is not a WhatsApp phone number; the recipient has not accepted the new Terms of Service and Privacy Policy; the recipient is using an old WhatsApp version.',
  },
  131047: {
    title: 'Re-engagement message',
    details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
  },
  131049: {
    title: 'This message was not delivered to maintain healthy ecosystem engagement.',
    details: 'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.',
  },
  131050: {
    title: 'Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.',
    details: 'The recipient has stopped marketing messages from this business.',
  },
  131051: { title: 'Unsupported message type', details: 'The sandbox sends text and template messages only.' },
  131056: {
    title: '(Business Account, Consumer Account) pair rate limit hit',
    details:
      'Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.',
  },
  131059: {
    title: 'Invalid pagination cursor',
    details: 'The pagination cursor is invalid or has expired. Retry the request without before/after.',
  },
  132000: { title: 'Number of parameters does not match the expected number of params' },
  132001: { title: 'Template name does not exist in the translation' },
  132005: { title: 'Template Hydrated Text Too Long', details: 'Translated text is too long.' },
  132012: { title: 'Parameter format does not match format in the created template' },
  132015: {
    title: 'Template is Paused',
    details: 'Template is paused due to low quality so it cannot be sent in a template message.',
  },
  132016: {
    title: 'Template is disabled',
    details: 'Template has been paused too many times due to low quality and is now permanently disabled.',
  },
  132018: { title: 'There was an issue with the parameters in your template.' },
};

/** HTTP status per reference §4.2 (plus the 429 choice documented above). */
export function httpStatusFor(code: number): number {
  if (code === 0 || code === 190) return 401;
  if (code === 10 || (code >= 200 && code <= 299) || code === 368 || code === 131005 || code === 131031) return 403;
  if (code === 132001) return 404;
  if (code === 130429) return 429;
  if ([3, 131000, 131016, 131045, 131057, 133000].includes(code)) return 500;
  if (code === 2 || code === 133004) return 503;
  return 400;
}

export function graphError(code: number, details?: string, extra: Omit<GraphError, 'code' | 'details'> = {}): GraphError {
  return { code, details: details ?? ERROR_CATALOGUE[code]?.details, ...extra };
}

export function graphErrorBody(err: GraphError): { error: Record<string, unknown> } {
  const title = err.title ?? ERROR_CATALOGUE[err.code]?.title ?? 'Unknown error';
  const error: Record<string, unknown> = {
    message: err.message ?? `(#${err.code}) ${title}`,
    type: err.type ?? 'OAuthException',
    code: err.code,
  };
  if (err.subcode !== undefined) error.error_subcode = err.subcode;
  if (err.isTransient !== undefined) error.is_transient = err.isTransient;
  if (err.userTitle) error.error_user_title = err.userTitle;
  if (err.userMsg) error.error_user_msg = err.userMsg;
  error.error_data = { messaging_product: 'whatsapp', details: err.details ?? title };
  error.fbtrace_id = newFbtraceId();
  return { error };
}

export function respondGraphError(c: Context, err: GraphError): Response {
  const status = err.httpStatus ?? httpStatusFor(err.code);
  const headers: Record<string, string> = {};
  if (err.code === 130429) headers['retry-after'] = '1';
  return c.json(graphErrorBody(err), status as 400, headers);
}

/** Meta's message for an object id that does not exist (or that this token cannot see). */
export function unknownObjectError(method: string, id: string): GraphError {
  return {
    code: 100,
    subcode: 33,
    type: 'GraphMethodException',
    message: `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    details: `Object with ID '${id}' does not exist`,
  };
}

/** The `errors[]` entry of a failed status webhook (title == message, with `href`). */
export function webhookErrorEntry(code: number, details?: string) {
  const title = ERROR_CATALOGUE[code]?.title ?? 'Unknown error';
  return {
    code,
    title,
    message: title,
    error_data: { details: details ?? ERROR_CATALOGUE[code]?.details ?? title },
    href: 'https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes',
  };
}
