/**
 * The fixed identity of the business the sandbox plays: one WABA with one phone number, and the ids
 * Meta mints (message ids, template ids, trace ids).
 *
 * @module
 */
import { randomBytes } from 'node:crypto';

export const SANDBOX_WABA_ID = '200000000000001';
export const SANDBOX_PHONE_NUMBER_ID = '100000000000001';
/** Digits without `+`, as Meta prints it in webhook metadata. */
export const SANDBOX_DISPLAY_PHONE_NUMBER = '908505551234';
export const SANDBOX_VERIFIED_NAME = 'Köprü Demo';
/** The business number's country calling code (national-looking `to` values get it prepended). */
export const SANDBOX_COUNTRY_CODE = '90';
export const SANDBOX_TOKEN = 'sandbox-token';
/** A token the sandbox treats as expired (190 with subcode 463). */
export const SANDBOX_EXPIRED_TOKEN = 'sandbox-expired-token';
export const SANDBOX_APP_SECRET = 'sandbox-app-secret';

export type SandboxIdentity = {
  wabaId: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
  verifiedName: string;
  /** Calling code prepended to national-looking recipients (leading 0). */
  countryCode: string;
  token: string;
  expiredToken: string;
};

export const SANDBOX_IDENTITY: SandboxIdentity = {
  wabaId: SANDBOX_WABA_ID,
  phoneNumberId: SANDBOX_PHONE_NUMBER_ID,
  displayPhoneNumber: SANDBOX_DISPLAY_PHONE_NUMBER,
  verifiedName: SANDBOX_VERIFIED_NAME,
  countryCode: SANDBOX_COUNTRY_CODE,
  token: SANDBOX_TOKEN,
  expiredToken: SANDBOX_EXPIRED_TOKEN,
};

/**
 * `wamid.` + base64 of a blob shaped like Meta's (`\x1c\x18<len><wa_id>\x15\x02\x00\x11\x18\x12<18 hex>\x00`),
 * so ids look and sort like real ones while clients still treat them as opaque.
 */
export function newWamid(waId: string): string {
  const hex = randomBytes(9).toString('hex').toUpperCase();
  const blob = Buffer.concat([
    Buffer.from([0x1c, 0x18, waId.length]),
    Buffer.from(waId, 'ascii'),
    Buffer.from([0x15, 0x02, 0x00, 0x11, 0x18, 0x12]),
    Buffer.from(hex, 'ascii'),
    Buffer.from([0x00]),
  ]);
  return `wamid.${blob.toString('base64')}`;
}

export function newFbtraceId(): string {
  return randomBytes(17).toString('base64url').slice(0, 23);
}
