/**
 * A phone number from a request, in any human format, read with the configured default region:
 * the parsed number, or the one INVALID_PHONE error every route and the send gate answer with.
 * @module
 */
import { parsePhone, type PhoneResult } from '../../shared/phone/parse-phone';
import { ApiError } from '../errors';

export type PhoneInputResult = Extract<PhoneResult, { ok: true }> | { ok: false; error: ApiError };

export function readPhone(input: string, defaultRegion: string): PhoneInputResult {
  const parsed = parsePhone(input, defaultRegion);
  return parsed.ok ? parsed : { ok: false, error: new ApiError('INVALID_PHONE', parsed.problem.message, { phone: parsed.problem }) };
}
