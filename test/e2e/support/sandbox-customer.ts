/**
 * The other side of the conversation in the sandbox: a simulated customer who writes from WhatsApp,
 * the phone that shows what they received, and what the emulated Cloud API accepted.
 *
 * @module
 */
import type { Page } from 'playwright-core';
import { recordConsent } from '../../../server/core/consent-ledger';
import type { Contact } from '../../../shared/schemas/contact';
import type { TestServer } from '../../helpers/test-server';
import type { PanelRig } from './panel-rig';

/** `+905324182796` → `905324182796`. */
export const waIdOf = (e164: string): string => e164.replace(/^\+/, '');

/** The customer writes `text` on WhatsApp (the sandbox posts Meta's signed inbound webhook). */
export async function customerWrites(server: TestServer, e164: string, text: string): Promise<void> {
  const res = await fetch(`${server.url}/sandbox/customers/${waIdOf(e164)}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  if (!res.ok) throw new Error(`the simulated customer could not write: ${res.status} ${await res.text()}`);
}

export type SandboxSent = { id: string; wa_id: string; type: string; template?: { name: string; language: string }; status: string };

/** Every message the emulated Graph API accepted for this customer. */
export async function sentTo(server: TestServer, e164: string): Promise<SandboxSent[]> {
  const res = await fetch(`${server.url}/sandbox/control/sent`);
  const { messages } = (await res.json()) as { messages: SandboxSent[] };
  return messages.filter((m) => m.wa_id === waIdOf(e164));
}

/** What the server knows about the customer (`GET /api/contacts/{phone}`, as the agent). */
export async function contactOf(server: TestServer, e164: string): Promise<Contact> {
  const res = await server.api(`/api/contacts/${encodeURIComponent(e164)}`);
  if (!res.ok) throw new Error(`GET contact ${e164}: ${res.status}`);
  return ((await res.json()) as { contact: Contact }).contact;
}

/** An opt-in the business already holds (a signed paper form), recorded straight in the ledger. */
export function alreadyOptedIn(server: TestServer, e164: string): void {
  recordConsent(server.running.deps, { phone: e164, action: 'opt_in', method: 'paper_form' });
}

/**
 * The texts of the message bubbles the customer's phone shows (`/sandbox/phone/{waId}`), read in a
 * tab of its own that is closed afterwards; the ticket tab is brought back to front so the panel
 * keeps following it.
 */
export async function phoneBubbles(rig: PanelRig, e164: string): Promise<string[]> {
  const phone: Page = await rig.browser.ctx.newPage();
  try {
    await phone.goto(`${rig.server.url}/sandbox/phone/${waIdOf(e164)}`);
    return await phone.getByTestId('bubble-body').allTextContents();
  } finally {
    await phone.close();
    await rig.ticketTab.bringToFront();
  }
}
