/**
 * Why Send is disabled, decided from what the panel knows. The server's gate decides again on
 * every send (the panel may be stale); this is so the agent knows *before* clicking, and why.
 *
 * @module
 */
import type { ConsentTopic } from '../../../shared/schemas/consent';
import type { Contact } from '../../../shared/schemas/contact';
import type { ApiFailure } from '../../lib/api-client';
import type { ConnectionState } from '../../store/connection-slice';
import type { ContactLoad } from '../../store/ticket-slice';
import type { SendState } from '../../store/compose-slice';
import { topicNotReceived } from '../template-picker/template-topic';

export type SendBlock =
  | 'NOT_CONNECTED'
  | 'SENDING'
  | 'QUEUED'
  | 'SENT'
  | 'NO_TEMPLATE'
  | 'NO_PHONE'
  | 'INVALID_PHONE'
  | 'CONTACT_LOADING'
  | 'OPTED_OUT'
  | 'NO_CONSENT'
  | 'TOPIC_OPTED_OUT'
  | 'WINDOW_CLOSED'
  | 'TEMPLATE_NOT_USABLE'
  | 'MISSING_VALUES'
  | 'INVALID_VALUES'
  | 'EMPTY_TEXT';

export type RecipientFacts = {
  connection: ConnectionState;
  phone: string;
  contact: Contact | null;
  contactState: ContactLoad;
  contactError: ApiFailure | null;
};

const dialable = (phone: string) => phone.replace(/\D/g, '').length >= 7;

/** What blocks any business message to this recipient (template or text). */
function recipientBlock(f: RecipientFacts): SendBlock | null {
  if (f.connection === 'signed_out' || f.connection === 'rejected' || f.connection === 'loading') return 'NOT_CONNECTED';
  if (!dialable(f.phone)) return 'NO_PHONE';
  if (f.contactError?.code === 'INVALID_PHONE') return 'INVALID_PHONE';
  if (f.contactState === 'loading' || (f.contactState === 'idle' && (f.connection === 'connected' || f.connection === 'checking'))) return 'CONTACT_LOADING';
  if (f.contact?.consent.status === 'opted_out') return 'OPTED_OUT';
  return null;
}

export function templateSendBlock(
  f: RecipientFacts & {
    send: SendState;
    hasTemplate: boolean;
    templateUsable: boolean;
    problemCount: number;
    /** How many of the problems are just empty fields (said differently: nothing is red yet). */
    missingCount?: number;
    /** The template's consent topic (GET /api/templates), checked against the customer's topics. */
    templateTopic?: ConsentTopic | null;
  },
): SendBlock | null {
  if (f.send.state === 'sending') return 'SENDING';
  if (f.send.state === 'queued') return 'QUEUED';
  if (f.send.state === 'sent') return 'SENT';
  if (!f.hasTemplate) return 'NO_TEMPLATE';
  const recipient = recipientBlock(f);
  if (recipient) return recipient;
  // Offline (contact unknown): let it queue; the server checks consent when it goes out.
  if (f.contact && f.contact.consent.status !== 'opted_in') return 'NO_CONSENT';
  if (f.contactError?.code === 'NOT_FOUND') return 'NO_CONSENT'; // a number the server has never seen
  // The gate's next refusal, in the gate's order: opted in, but not to this template's topic.
  if (topicNotReceived({ topic: f.templateTopic ?? null }, f.contact)) return 'TOPIC_OPTED_OUT';
  if (!f.templateUsable) return 'TEMPLATE_NOT_USABLE';
  if (f.problemCount > 0) return f.missingCount === f.problemCount ? 'MISSING_VALUES' : 'INVALID_VALUES';
  return null;
}

export function replySendBlock(f: RecipientFacts & { text: string; sending: boolean; now: number }): SendBlock | null {
  if (f.sending) return 'SENDING';
  const recipient = recipientBlock(f);
  if (recipient) return recipient;
  const window = f.contact?.window;
  if (!window?.open || (window.expiresAt !== null && window.expiresAt <= f.now)) return 'WINDOW_CLOSED';
  if (f.text.trim() === '') return 'EMPTY_TEXT';
  return null;
}
