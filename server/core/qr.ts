/**
 * What a customer scans or taps to start a WhatsApp chat with the business: a wa.me link to the
 * business number with a prefilled message (reference §6.10), and the same link as an SVG QR code.
 * @module
 */
import QRCode from 'qrcode';
import { waMeLink } from '../../shared/phone/wa-me-link';
import type { Config } from '../env';
import { ApiError } from '../errors';

/** A wa.me link to the business's own number; refuses when the number is not configured. */
export function businessChatLink(config: Pick<Config, 'whatsapp'>, prefill: string): string {
  const digits = config.whatsapp.businessNumber.replace(/\D/g, '');
  if (!digits) {
    throw new ApiError('CONFLICT', 'The business WhatsApp number is not configured: set WHATSAPP_BUSINESS_NUMBER to create chat links.');
  }
  return waMeLink(digits, prefill);
}

/**
 * An SVG QR code of `text`. Error correction M survives a scuffed counter printout; the 2-module
 * quiet zone keeps the SVG compact while phones still find the code.
 */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
