/**
 * Meta's send-time rules for one parameter (reference §3.2), each turning a value into the Graph
 * parameter to send plus the text the preview shows — or into problems. Absent values are the
 * caller's business (it knows whether the slot is optional).
 *
 * Lengths are counted in Unicode code points, the way a person counts characters.
 *
 * @module
 */
import type { TemplateValue } from '../schemas/values';
import type { Result } from '../result';
import type {
  GraphCouponParameter,
  GraphLocationParameter,
  GraphMediaParameter,
  GraphPayloadParameter,
  GraphValueParameter,
} from './graph-components';
import { describeKey, problem, type RenderProblem } from './render-problems';

export const LIMITS = {
  headerText: 60,
  bodyText: 1024,
  headerParam: 60,
  bodyParam: 1024,
  url: 2000,
  couponCode: 15,
  consecutiveSpaces: 4,
} as const;

export type Checked<T> = Result<T, RenderProblem[]>;

const fine = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = <T>(...problems: RenderProblem[]): Checked<T> => ({ ok: false, error: problems });

export const charLength = (text: string): number => Array.from(text).length;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Empty, tab/newline and spacing rules every text parameter obeys, then its length limit. */
export function textProblems(key: string, text: string, maxLength: number): RenderProblem[] {
  const subject = describeKey(key);
  if (text.trim() === '') return [problem(key, 'MISSING', `${subject} is empty.`)];
  const problems: RenderProblem[] = [];
  if (/[\n\r\t]/.test(text)) {
    problems.push(problem(key, 'NEWLINE', `${subject} contains a line break or tab, which WhatsApp does not allow in parameters.`));
  }
  if (new RegExp(` {${LIMITS.consecutiveSpaces + 1},}`).test(text)) {
    problems.push(problem(key, 'TOO_MANY_SPACES', `${subject} contains more than ${LIMITS.consecutiveSpaces} spaces in a row.`));
  }
  const length = charLength(text);
  if (length > maxLength) {
    problems.push(problem(key, 'PARAM_TOO_LONG', `${subject} is ${length} characters long; the limit is ${maxLength}.`, { limit: maxLength, actual: length }));
  }
  return problems;
}

/** The text a value shows in the preview, if it is a text-like value at all. */
export function previewText(value: TemplateValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value) && (value.type === 'currency' || value.type === 'date_time') && typeof value.fallback_value === 'string') {
    return value.fallback_value;
  }
  return undefined;
}

/** A header-text or body parameter: text, currency or date_time. `parameterName` is set for NAMED templates. */
export function valueParameter(
  key: string,
  value: TemplateValue,
  maxLength: number,
  parameterName?: string,
): Checked<{ parameter: GraphValueParameter; text: string }> {
  const named = parameterName === undefined ? {} : { parameter_name: parameterName };
  const subject = describeKey(key);
  if (typeof value === 'string') {
    const problems = textProblems(key, value, maxLength);
    return problems.length ? bad(...problems) : fine({ parameter: { type: 'text', ...named, text: value }, text: value });
  }
  if (isObject(value) && value.type === 'currency') {
    const { fallback_value: fallback, code, amount_1000: amount } = value;
    if (typeof code !== 'string' || !/^[A-Z]{3}$/.test(code)) {
      return bad(problem(key, 'INVALID_CURRENCY', `${subject} needs a three-letter ISO 4217 currency code such as TRY or USD.`));
    }
    if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) {
      return bad(problem(key, 'INVALID_CURRENCY', `${subject} needs amount_1000 as a whole number (the amount × 1000).`));
    }
    if (typeof fallback !== 'string' || fallback.trim() === '') {
      return bad(problem(key, 'INVALID_CURRENCY', `${subject} needs a fallback_value, the amount as the customer should read it.`));
    }
    const problems = textProblems(key, fallback, maxLength);
    if (problems.length) return bad(...problems);
    return fine({ parameter: { type: 'currency', ...named, currency: { fallback_value: fallback, code, amount_1000: amount } }, text: fallback });
  }
  if (isObject(value) && value.type === 'date_time') {
    const fallback = value.fallback_value;
    if (typeof fallback !== 'string' || fallback.trim() === '') {
      return bad(problem(key, 'INVALID_DATE_TIME', `${subject} needs a fallback_value, the date as the customer should read it.`));
    }
    const problems = textProblems(key, fallback, maxLength);
    if (problems.length) return bad(...problems);
    return fine({ parameter: { type: 'date_time', ...named, date_time: { fallback_value: fallback } }, text: fallback });
  }
  return bad(problem(key, 'WRONG_TYPE', `${subject} must be text, a currency or a date.`));
}

export type MediaType = 'image' | 'video' | 'document';
export type RenderedMedia = { type: MediaType; link?: string; id?: string; filename?: string };

const isHttpsUrl = (text: string): boolean => {
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
};

/** A media header: an `https://` URL string or a media object of the header's own type. */
export function mediaParameter(key: string, value: TemplateValue, type: MediaType): Checked<{ parameter: GraphMediaParameter; header: RenderedMedia }> {
  const subject = describeKey(key);
  const media = typeof value === 'string' ? { type, link: value.trim() } : value;
  if (!isObject(media) || !['image', 'video', 'document'].includes(media.type as string)) {
    return bad(problem(key, 'WRONG_TYPE', `${subject} must be a ${type}: an https link or an uploaded media id.`));
  }
  if (media.type !== type) {
    return bad(problem(key, 'INVALID_MEDIA', `${subject} is a ${String(media.type)}, but this template's header takes a ${type}.`));
  }
  const { link, id, filename } = media;
  const hasLink = typeof link === 'string' && link !== '';
  const hasId = typeof id === 'string' && id.trim() !== '';
  if (hasLink === hasId) {
    return bad(problem(key, 'INVALID_MEDIA', `${subject} needs exactly one of an https link or an uploaded media id.`));
  }
  if (hasLink && !isHttpsUrl(link)) {
    return bad(problem(key, 'INVALID_MEDIA', `${subject} must be an https:// link that WhatsApp can download.`));
  }
  if (filename !== undefined && (type !== 'document' || typeof filename !== 'string')) {
    return bad(problem(key, 'INVALID_MEDIA', `${subject} can only carry a file name when it is a document.`));
  }
  const object = { ...(hasLink ? { link } : { id: id as string }), ...(typeof filename === 'string' ? { filename } : {}) };
  const parameter = { type, [type]: object } as GraphMediaParameter;
  return fine({ parameter, header: { type, ...object } });
}

export type RenderedLocation = { type: 'location'; latitude: number; longitude: number; name?: string; address?: string };

const inRange = (n: unknown, limit: number): n is number => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= limit;

/** A location header: coordinates in range, optional name and address. */
export function locationParameter(key: string, value: TemplateValue): Checked<{ parameter: GraphLocationParameter; header: RenderedLocation }> {
  const subject = describeKey(key);
  if (!isObject(value) || value.type !== 'location') {
    return bad(problem(key, 'WRONG_TYPE', `${subject} must be a location with latitude and longitude.`));
  }
  const { latitude, longitude, name, address } = value;
  if (!inRange(latitude, 90) || !inRange(longitude, 180)) {
    return bad(problem(key, 'INVALID_LOCATION', `${subject} needs a latitude between -90 and 90 and a longitude between -180 and 180.`));
  }
  if ((name !== undefined && typeof name !== 'string') || (address !== undefined && typeof address !== 'string')) {
    return bad(problem(key, 'INVALID_LOCATION', `${subject} can only have text as its name and address.`));
  }
  const location = { latitude, longitude, ...(name ? { name } : {}), ...(address ? { address } : {}) };
  return fine({ parameter: { type: 'location', location }, header: { type: 'location', ...location } });
}

/**
 * A URL button's dynamic suffix → the encoded parameter and the final URL. Agents often paste the
 * whole link; when the value starts with the button's fixed part, only the rest is used.
 */
export function urlSuffix(key: string, value: TemplateValue, urlTemplate: string, placeholder: string): Checked<{ parameter: string; url: string }> {
  const subject = describeKey(key);
  if (typeof value !== 'string') return bad(problem(key, 'WRONG_TYPE', `${subject} must be text: the end of the link.`));
  const marker = `{{${placeholder}}}`;
  const fixed = urlTemplate.slice(0, urlTemplate.indexOf(marker));
  let suffix = value.trim();
  if (fixed !== '' && suffix.startsWith(fixed) && suffix.length > fixed.length) suffix = suffix.slice(fixed.length);
  if (suffix === '') return bad(problem(key, 'INVALID_URL_SUFFIX', `${subject} is empty; the link needs its ending.`));
  if (/\s/.test(suffix)) return bad(problem(key, 'INVALID_URL_SUFFIX', `${subject} contains spaces or line breaks.`));
  const encoded = encodeURIComponent(suffix);
  const url = urlTemplate.split(marker).join(encoded);
  const length = charLength(url);
  if (length > LIMITS.url) {
    return bad(problem(key, 'INVALID_URL_SUFFIX', `The link would be ${length} characters long; the limit is ${LIMITS.url}.`, { limit: LIMITS.url, actual: length }));
  }
  if (!/^https?:$/.test(safeProtocol(url))) return bad(problem(key, 'INVALID_URL_SUFFIX', `${subject} does not make a valid web link.`));
  return fine({ parameter: encoded, url });
}

function safeProtocol(url: string): string {
  try {
    return new URL(url).protocol;
  } catch {
    return '';
  }
}

/** A COPY_CODE button's coupon code. */
export function couponCode(key: string, value: TemplateValue): Checked<GraphCouponParameter> {
  const subject = describeKey(key);
  if (typeof value !== 'string') return bad(problem(key, 'WRONG_TYPE', `${subject} must be text: the code to copy.`));
  const textIssues = textProblems(key, value, Number.POSITIVE_INFINITY);
  if (textIssues.length) return bad(...textIssues);
  const length = charLength(value);
  if (length > LIMITS.couponCode) {
    return bad(problem(key, 'COUPON_TOO_LONG', `${subject} is ${length} characters long; codes can have at most ${LIMITS.couponCode}.`, { limit: LIMITS.couponCode, actual: length }));
  }
  return fine({ type: 'coupon_code', coupon_code: value });
}

/** A QUICK_REPLY payload; `null` when none should be sent (absent or blank). */
export function replyPayload(key: string, value: TemplateValue): Checked<GraphPayloadParameter | null> {
  if (typeof value !== 'string') return bad(problem(key, 'WRONG_TYPE', `${describeKey(key)} must be text: the reply payload.`));
  return fine(value.trim() === '' ? null : { type: 'payload', payload: value });
}
