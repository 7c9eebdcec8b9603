/**
 * Loads helpdesk fixture pages for the adapter tests (happy-dom environment).
 *
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { TicketContext } from '../../../shared/schemas/ticket-context';
import { readTicketContext } from '../../../extension/helpdesks/read-ticket-context';

export const FIXTURE_DIR = fileURLToPath(new globalThis.URL('../../fixtures/helpdesks/', import.meta.url));
/** Fixed clock: reads are compared field by field, never by time. */
export const READ_AT = 1_741_950_000_000;

export function fixtureHtml(folder: string, file: string): string {
  return readFileSync(join(FIXTURE_DIR, folder, file), 'utf8');
}

export function fixtureExists(folder: string, file: string): boolean {
  return existsSync(join(FIXTURE_DIR, folder, file));
}

/** The fixture as its own parsed document (no scripts run). */
export function fixtureDocument(folder: string, file: string): Document {
  return new DOMParser().parseFromString(fixtureHtml(folder, file), 'text/html');
}

/** Reads the fixture as the content script would at `url`, and checks it against the shared schema. */
export function readFixture(folder: string, file: string, url: string): TicketContext {
  const ticket = readTicketContext(fixtureDocument(folder, file), new URL(url), READ_AT);
  const parsed = TicketContext.safeParse(ticket);
  if (!parsed.success) throw new Error(`${folder}/${file} did not parse: ${JSON.stringify(parsed.error.issues)}`);
  return parsed.data;
}

/**
 * Opens the fixture as the live page at `url` (global document + location) and runs its inline
 * scripts, which happy-dom does not evaluate by itself.
 */
export function openFixture(folder: string, file: string, url: string): void {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
  document.open();
  document.write(fixtureHtml(folder, file));
  document.close();
  for (const script of document.querySelectorAll('body script')) {
    new Function(script.textContent ?? '')();
  }
}

/** Clicks `#next-ticket` (the fixture's in-app navigation) and reads the page as it is now. */
export function switchToNextTicket(): TicketContext {
  const link = document.getElementById('next-ticket');
  expect(link, 'fixture has a #next-ticket link').not.toBeNull();
  (link as HTMLElement).click();
  const parsed = TicketContext.safeParse(readTicketContext(document, new URL(location.href), READ_AT));
  if (!parsed.success) throw new Error(`switched page did not parse: ${JSON.stringify(parsed.error.issues)}`);
  return parsed.data;
}

/** What the agent sees of a read, in a form easy to compare in a table. */
export function summary(ticket: TicketContext) {
  return {
    helpdesk: ticket.helpdesk,
    ticketId: ticket.ticketId,
    title: ticket.title,
    name: ticket.customer.name,
    email: ticket.customer.email,
    phone: ticket.customer.phone,
    candidates: ticket.phoneCandidates.map((c) => `${c.e164} ${c.source}`),
    orderNumbers: ticket.orderNumbers,
  };
}
