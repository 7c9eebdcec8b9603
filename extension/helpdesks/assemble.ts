/**
 * Turns what an adapter located (fields, profile area, conversation area) into a `RawTicket`:
 * profile phone → E.164, `tel:` links, the text-scan fallback, e-mail fallbacks, order numbers,
 * ranking, dedupe and length caps. Every vendor adapter ends with one call to `assembleTicket`.
 *
 * @module
 */
import { TICKET_LIMITS } from '../../shared/schemas/ticket-context-consts';
import type { TicketCustomer } from '../../shared/schemas/ticket-context';
import { asEmail, emailInText, mailtoLinks, telLinks, visibleText } from './dom-read';
import type { FoundPhone } from './text-scan';
import { findPhonesInText, normalizeOrderNumber, orderNumbersIn, phoneFromValue, rankPhones } from './text-scan';
import type { RawTicket } from './types';

type Maybe<T> = T | null | undefined;

export interface TicketParts {
  ticketId: Maybe<string>;
  title?: Maybe<string>;
  name?: Maybe<string>;
  email?: Maybe<string>;
  /** Raw values of the vendor's phone field(s) for the customer, best first. */
  phoneFields?: readonly Maybe<string>[];
  /** The customer's profile/sidebar: its `tel:` links and numbers count as the customer's. */
  profile?: readonly Maybe<Element>[];
  /** Message bodies: numbers here are only candidates (an agent signature lives here too). */
  conversation?: readonly Maybe<Element>[];
  /** Values of order-id custom fields, read before the text scan. */
  orderFields?: readonly Maybe<string>[];
  /** The ticket's own numbers, never reported as order numbers. */
  ownNumbers?: readonly Maybe<string>[];
}

export function assembleTicket(parts: TicketParts): RawTicket {
  const profile = present(parts.profile);
  const conversation = present(parts.conversation);
  const profileText = profile.map(visibleText).join('\n');
  const conversationText = conversation.map(visibleText).join('\n');
  const found: FoundPhone[] = [];
  const add = (phone: FoundPhone | null) => {
    if (phone) found.push(phone);
  };

  const fieldRaws = present(parts.phoneFields).map((raw) => raw.trim()).filter(Boolean);
  fieldRaws.forEach((raw) => add(phoneFromValue(raw, 'field', found.length)));
  const profileLinks = profile.flatMap(telLinks);
  profileLinks.forEach((raw) => add(phoneFromValue(raw, 'tel_link', found.length)));
  found.push(...findPhonesInText(profileText, { source: 'field', firstPosition: found.length }));
  // The customer's own number: the field first, else what the profile shows.
  const customerPhone = found.find((phone) => phone.source === 'field' || phone.source === 'tel_link');

  conversation.flatMap(telLinks).forEach((raw) => add(phoneFromValue(raw, 'tel_link', found.length)));
  found.push(...findPhonesInText(conversationText, { source: 'text', firstPosition: found.length }));

  const customer: TicketCustomer = {};
  const name = clip(parts.name);
  if (name) customer.name = name;
  const email = asEmail(parts.email) ?? profile.flatMap(mailtoLinks)[0] ?? emailInText(profileText);
  if (email) customer.email = email;
  // A profile phone field is authoritative: if it does not parse, `phone` stays empty rather than
  // borrowing another number, and the agent still sees `phoneRaw`.
  const fieldRaw = fieldRaws[0];
  const fieldPhone = fieldRaw === undefined ? customerPhone : phoneFromValue(fieldRaw, 'field', 0);
  const phoneRaw = clip(fieldRaw ?? customerPhone?.raw);
  if (phoneRaw) customer.phoneRaw = phoneRaw;
  if (fieldPhone) customer.phone = fieldPhone.e164;

  const ownNumbers = present(parts.ownNumbers);
  const ticketId = clip(parts.ticketId, TICKET_LIMITS.ticketId) ?? null;
  if (ticketId) ownNumbers.push(ticketId);
  const orderFields = present(parts.orderFields).map(normalizeOrderNumber).filter(Boolean);
  const scanned = orderNumbersIn([parts.title ?? '', profileText, conversationText], ownNumbers);
  const orderNumbers = [...new Set([...orderFields, ...scanned])].slice(0, TICKET_LIMITS.listItems);

  const ticket: RawTicket = { ticketId, customer, phoneCandidates: rankPhones(found), orderNumbers };
  const title = clip(parts.title);
  if (title) ticket.title = title;
  return ticket;
}

function present<T>(values: readonly Maybe<T>[] | undefined): T[] {
  return (values ?? []).filter((value): value is T => value !== null && value !== undefined);
}

function clip(value: Maybe<string>, max: number = TICKET_LIMITS.text): string | undefined {
  const text = value?.replace(/\s+/g, ' ').trim().slice(0, max);
  return text ? text : undefined;
}
