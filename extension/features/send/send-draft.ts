/**
 * Sending the open draft. The draft's idempotency key goes with every attempt, so a double click,
 * a retry after a timeout or the outbox replaying it later all end in at most one WhatsApp
 * message. When the server cannot be reached the send waits in the outbox (same key).
 *
 * @module
 */
import type { SendInput } from '../../../shared/schemas/message';
import { isRetryable } from '../../lib/outbox';
import type { Services } from '../../lib/services';
import { ticketRef } from '../../lib/ticket-ref';
import type { PanelStore } from '../../store';
import { loadContact } from '../customer-card/load-contact';
import { computeDraft } from '../variables-form/use-draft';
import { templateSendBlock } from './send-gate';

export function currentTemplateBlock(store: PanelStore) {
  const s = store.getState();
  const draft = s.template ? computeDraft(s.template, s.inputs) : null;
  return templateSendBlock({
    connection: s.connection,
    phone: s.phoneInput,
    contact: s.contact,
    contactState: s.contactState,
    contactError: s.contactError,
    send: s.send,
    hasTemplate: !!s.template,
    templateUsable: s.template?.usable ?? false,
    templateTopic: s.template?.topic ?? null,
    problemCount: draft?.problems.length ?? 0,
    missingCount: draft?.problems.filter((p) => p.code === 'MISSING').length ?? 0,
  });
}

/** Refusals that mean our picture of the contact is stale: reload it so the card tells the truth. */
const STALE_CONTACT = new Set(['OPTED_OUT', 'NO_CONSENT', 'TOPIC_OPTED_OUT', 'WINDOW_CLOSED']);

export async function sendDraft(services: Services, store: PanelStore): Promise<void> {
  if (currentTemplateBlock(store) !== null) return;
  const s = store.getState();
  const template = s.template!;
  const draft = computeDraft(template, s.inputs);
  const phone = s.contact?.phone ?? s.phoneInput.trim();
  const ticket = ticketRef(s.ticket);
  const input: SendInput = {
    phone,
    template: { name: template.name, language: template.language },
    values: draft.values,
    ...(ticket ? { ticket } : {}),
  };
  const key = s.draftKey;
  s.sendStarted();
  const result = await services.api.sendMessage(input, key);
  // The agent may have switched tickets meanwhile; only the draft that was sent learns the answer.
  const now = store.getState();
  const same = now.draftKey === key;
  if (result.ok) {
    if (same) now.sendSucceeded(result.value.message, result.value.replayed);
    else now.messageTracked(result.value.message);
    return;
  }
  if (isRetryable(result.error)) {
    now.outboxChanged(await services.outbox.enqueue(input, key, template.name));
    if (same) store.getState().sendQueued();
    return;
  }
  if (same) now.sendFailed(result.error);
  if (STALE_CONTACT.has(result.error.code)) void loadContact(services.api, store, s.contactPhone ?? phone, true);
}
