/**
 * The pre-send gate: the one place that decides whether a message may leave. Checks run in the
 * order an agent would want them explained (a wrong number before a missing consent before a
 * closed window before a template problem before a typo in a value before "slow down"), and the
 * first refusal wins. Everything here is synchronous, so `submitMessage` runs the gate and writes
 * the outbox row in one SQLite transaction: no other request can slip in between.
 * @module
 */
import type { Message, SendInput } from '../../shared/schemas/message';
import type { TemplateCategory } from '../../shared/schemas/template';
import { err, ok, type Result } from '../../shared/result';
import { renderTemplate, type GraphComponent } from '../../shared/templates/render-template';
import { serviceWindow } from '../../shared/window/service-window';
import { getAgent, SYSTEM_AGENT_ID } from '../db/agents-repo';
import { getContactRow } from '../db/contacts-repo';
import { getTemplate, isPaused, templateLanguages } from '../db/templates-repo';
import type { Deps } from '../deps';
import { readPhone } from './phone-input';
import { ApiError } from '../errors';
import { consentState } from './consent-ledger';
import { refuseErased } from './erasure';
import { agentRate, checkRate, PAIR_RATE, type RateCheck } from './send-rate-limit';
import { allowsDoubleOptinRequest, topicRefusal } from './topic-gate';

export type Actor = { id: string; role: 'admin' | 'agent' };

/** Why the server itself sends: the only exception to "opted out means nothing more". */
export type SendPurpose = 'optout_confirmation' | 'optin_confirmation' | 'handoff';

export type GateOptions = {
  purpose?: SendPurpose;
  /** Automatic sends wait for the pair rate instead of being refused (a STOP right after our message). */
  waitForRate?: boolean;
};

export type Approved = {
  phone: string;
  kind: 'template' | 'text';
  /** `category`: the template's category now (priced and audited with the row). */
  template?: { name: string; language: string; category: TemplateCategory; values: unknown; components: GraphComponent[] };
  text?: string;
  preview: Message['preview'];
  /** Rate-limit state to commit with the outbox row. */
  rate: Array<Extract<RateCheck, { ok: true }>>;
  /** When the first attempt may run: now, or later when an automatic send waits for the pair rate. */
  notBefore: number;
};

const isTemplate = (input: SendInput): input is Extract<SendInput, { template: unknown }> => 'template' in input;

export function gate(deps: Pick<Deps, 'db' | 'clock' | 'config'>, actor: Actor, input: SendInput, opts: GateOptions = {}): Result<Approved, ApiError> {
  const { db, config } = deps;
  const now = deps.clock.now();

  const agent = getAgent(db, actor.id);
  if (!agent || agent.revokedAt !== null) return err(new ApiError('FORBIDDEN', 'This agent may not send messages.'));

  const parsed = readPhone(input.phone, config.defaultRegion);
  if (!parsed.ok) return err(parsed.error);
  const phone = parsed.e164;

  const consent = consentState(db, phone, { historyLimit: 0 });
  const optOutConfirmation = opts.purpose === 'optout_confirmation' && !isTemplate(input);
  if (consent.status === 'opted_out' && !optOutConfirmation) {
    return err(new ApiError('OPTED_OUT', 'This customer has opted out of WhatsApp messages; nothing can be sent to them.'));
  }
  const erased = refuseErased(db, phone, consent.status, opts.purpose);
  if (erased) return err(erased);
  if (
    isTemplate(input) &&
    consent.status !== 'opted_in' &&
    !allowsDoubleOptinRequest(db, { phone, templateName: input.template.name, actorId: actor.id, purpose: opts.purpose, now })
  ) {
    return err(new ApiError('NO_CONSENT', 'Record the customer\'s opt-in before sending a template.'));
  }

  let approved: Omit<Approved, 'rate' | 'notBefore'>;
  if (!isTemplate(input)) {
    const window = serviceWindow(getContactRow(db, phone)?.lastInboundAt ?? null, now);
    if (!window.open) {
      return err(
        new ApiError('WINDOW_CLOSED', 'The customer has not written in the last 24 hours: only an approved template can be sent.', {
          expiresAt: window.expiresAt,
        }),
      );
    }
    approved = { phone, kind: 'text', text: input.text, preview: { body: input.text } };
  } else {
    const { name, language } = input.template;
    const stored = getTemplate(db, name, language);
    if (!stored) {
      const languages = templateLanguages(db, name);
      const msg = languages.length
        ? `Template "${name}" has no "${language}" version (it has: ${languages.join(', ')}).`
        : `There is no template named "${name}".`;
      return err(new ApiError('TEMPLATE_NOT_FOUND', msg, { name, language, languages }));
    }
    const t = stored.template;
    const unusable = (reason: 'NOT_APPROVED' | 'PAUSED' | 'NOT_UTILITY', message: string) =>
      err(new ApiError('TEMPLATE_NOT_USABLE', message, { reason, status: t.status, category: t.category, pausedUntil: stored.pausedUntil }));
    if (t.status === 'PAUSED' && isPaused(stored, now)) {
      return unusable('PAUSED', 'Meta has paused this template for low quality; it cannot be sent until it is unpaused.');
    }
    if (t.status !== 'APPROVED' && t.status !== 'PAUSED') {
      return unusable('NOT_APPROVED', `This template is ${t.status}, not APPROVED.`);
    }
    if (t.category !== 'UTILITY') {
      return unusable('NOT_UTILITY', `Meta now classifies this template as ${t.category}; Köprü sends utility templates only.`);
    }
    const offTopic = topicRefusal(db, consent, t);
    if (offTopic) return err(offTopic);
    const rendered = renderTemplate(t, input.values);
    if (!rendered.ok) {
      return err(new ApiError('INVALID_VALUES', 'Some template values are missing or not accepted by WhatsApp.', rendered.problems));
    }
    const { header, body, footer, buttons } = rendered.message;
    approved = {
      phone,
      kind: 'template',
      template: { name, language, category: t.category, values: input.values, components: rendered.components },
      preview: { ...(header ? { header } : {}), body, ...(footer !== undefined ? { footer } : {}), buttons },
    };
  }

  const pair = checkRate(db, `pair:${phone}`, now, PAIR_RATE);
  // Automatic sends are bounded by inbound traffic, not by an agent: only the pair rate applies.
  const perAgent = actor.id === SYSTEM_AGENT_ID ? null : checkRate(db, `agent:${actor.id}`, now, agentRate(config.sendsPerMinute));
  if (perAgent && !perAgent.ok) return err(rateLimited(perAgent.retryAfterMs, 'agent'));
  if (!pair.ok) {
    if (!opts.waitForRate) return err(rateLimited(pair.retryAfterMs, 'recipient'));
    // Wait our turn: take the next free slot for this customer.
    const later = checkRate(db, `pair:${phone}`, now + pair.retryAfterMs, PAIR_RATE);
    if (!later.ok) return err(rateLimited(later.retryAfterMs, 'recipient'));
    return ok({ ...approved, rate: [later], notBefore: now + pair.retryAfterMs });
  }
  return ok({ ...approved, rate: perAgent ? [pair, perAgent] : [pair], notBefore: now });
}

function rateLimited(retryAfterMs: number, scope: 'recipient' | 'agent'): ApiError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const message =
    scope === 'recipient'
      ? `WhatsApp allows only a few messages in a row to the same customer; try again in ${seconds} s.`
      : `You are sending faster than this server allows; try again in ${seconds} s.`;
  return new ApiError('RATE_LIMITED', message, { scope, retryAfterMs }, { 'Retry-After': String(seconds) });
}
