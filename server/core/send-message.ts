/**
 * `submitMessage` — the ONLY way a message leaves the server: idempotency → gate → outbox row →
 * Graph call (through the outbox). Agents reach it through `POST /api/messages`; the server itself
 * (opt-out/opt-in confirmations, hand-offs) calls it directly.
 *
 * Idempotency: looking up the key, running the gate and inserting the row happen in ONE
 * synchronous function, run atomically in a transaction (group-commit.ts: it shares its COMMIT
 * with the other requests of the same event-loop turn, and runs after the ones queued before it).
 * Node runs it to completion without interleaving, and UNIQUE(agent_id, idempotency_key) backs it
 * up across processes, so 100 identical concurrent requests produce one row and one Graph call;
 * the other 99 are replays. The Graph call starts only once that commit is done.
 *
 * When the answer goes out: after the first Graph attempt has completed (so the agent sees a
 * 132001 or a 131026-style refusal at once) or after FIRST_ATTEMPT_WAIT_MS, whichever is first
 * (a slow Meta never holds the panel; the attempt carries on and the panel follows it over SSE).
 * Automatic sends don't wait at all: they run inside webhook handling, which must not wait on Graph.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { SendInput, type Message } from '../../shared/schemas/message';
import { err, ok, type Result } from '../../shared/result';
import { SYSTEM_AGENT_ID } from '../db/agents-repo';
import { groupCommit } from '../db/group-commit';
import { findByIdempotencyKey, getMessage, insertMessage } from '../db/messages-repo';
import type { Deps } from '../deps';
import { ApiError, issueDetails } from '../errors';
import { applyLinkButtons } from './click-tracking';
import { gate, type Actor, type SendPurpose } from './gate';
import { sendClaimed } from './outbox';
import { priceAndAuditQueued } from './price-estimate';
import { requestHash } from './request-hash';
import { commitRate } from './send-rate-limit';

export type { Actor, SendPurpose } from './gate';

/** The sender of automatic confirmations; its agent row is created by migration 0003. */
export const SYSTEM_ACTOR: Actor = { id: SYSTEM_AGENT_ID, role: 'agent' };

export const IDEMPOTENCY_KEY = { min: 8, max: 200 } as const;

/** How long a request waits for the first Graph attempt before answering with `sending`. */
export const FIRST_ATTEMPT_WAIT_MS = 2000;

export type SubmitOptions = {
  purpose?: SendPurpose;
  /** Default: true for agents, false for SYSTEM_ACTOR (see module comment). */
  awaitFirstAttempt?: boolean;
  /**
   * Over the pair rate, queue the message for the next free slot instead of refusing it.
   * Default: true for SYSTEM_ACTOR (a confirmation must not be lost because we just wrote), false for agents.
   */
  waitForRate?: boolean;
};

export type Submitted = { message: Message; replayed: boolean };

type Outcome =
  | { kind: 'created'; id: string; claimed: boolean; written: Message }
  | { kind: 'replay'; id: string }
  | { kind: 'refused'; error: ApiError };

export async function submitMessage(
  deps: Deps,
  actor: Actor,
  idempotencyKey: string,
  input: SendInput,
  opts: SubmitOptions = {},
): Promise<Result<Submitted, ApiError>> {
  const key = idempotencyKey.trim();
  if (key.length < IDEMPOTENCY_KEY.min || key.length > IDEMPOTENCY_KEY.max) {
    return err(new ApiError('VALIDATION_FAILED', `The Idempotency-Key must be ${IDEMPOTENCY_KEY.min}–${IDEMPOTENCY_KEY.max} characters.`));
  }
  const parsed = SendInput.safeParse(input);
  if (!parsed.success) return err(new ApiError('VALIDATION_FAILED', 'The message is not valid.', issueDetails(parsed.error.issues)));
  const body = parsed.data;
  const hash = requestHash(body);
  const { db, clock } = deps;
  const system = actor.id === SYSTEM_ACTOR.id;

  const outcome = await groupCommit(db, (): Outcome => {
    const existing = findByIdempotencyKey(db, actor.id, key);
    if (existing) {
      if (existing.request_hash === hash) return { kind: 'replay', id: existing.id };
      return {
        kind: 'refused',
        error: new ApiError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different message; use a new key for a new message.', {
          messageId: existing.id,
        }),
      };
    }
    const verdict = gate(deps, actor, body, { ...(opts.purpose ? { purpose: opts.purpose } : {}), waitForRate: opts.waitForRate ?? system });
    if (!verdict.ok) return { kind: 'refused', error: verdict.error };
    const id = `msg_${randomUUID()}`;
    const now = clock.now();
    // Köprü's own link suffixes (tracked redirects, preference links) go in before the row is written.
    const a = applyLinkButtons(deps, verdict.value, { messageId: id, agentId: actor.id, now });
    // Due now (not waiting for the pair rate): the row is written already claimed for its first
    // Graph call, which starts right after this commit (one commit, not two).
    const claimed = a.notBefore <= now;
    // Price class at send time (stored with the row) + the `message.send` audit entry, in this transaction.
    const queued = priceAndAuditQueued(deps, {
      actorId: actor.id,
      phone: a.phone,
      kind: a.kind,
      category: a.template?.category ?? null,
      ...(a.template ? { template: a.template } : {}),
      ...(opts.purpose ? { purpose: opts.purpose } : {}),
      at: now,
    });
      insertMessage(db, {
        id,
        agentId: actor.id,
        idempotencyKey: key,
        requestHash: hash,
        phone: a.phone,
        kind: a.kind,
        ...(opts.purpose ? { purpose: opts.purpose } : {}),
        ...(a.template ? { template: a.template } : {}),
        ...(a.text !== undefined ? { text: a.text } : {}),
        preview: a.preview,
        ...(body.ticket ? { ticket: body.ticket } : {}),
        nextAttemptAt: a.notBefore,
        now,
        price: queued.price,
        claimed,
      });
      queued.audit(id);
      commitRate(db, a.rate);
      // The row as written, for the answer should the row be gone by then (an erasure meanwhile).
      const written: Message = {
        id,
        kind: a.kind,
        phone: a.phone,
        agentId: actor.id,
        status: claimed ? 'sending' : 'queued',
        template: a.template ? { name: a.template.name, language: a.template.language } : null,
        preview: a.preview,
        wamid: null,
        errorCode: null,
        errorReason: null,
        pricing: null,
        ticket: body.ticket ?? null,
        createdAt: now,
        updatedAt: now,
        history: [{ status: 'queued', at: now, errorCode: null, detail: null }, ...(claimed ? [{ status: 'sending' as const, at: now, errorCode: null, detail: null }] : [])],
      };
      return { kind: 'created', id, claimed, written };
    });

  if (outcome.kind === 'refused') return err(outcome.error);
  if (outcome.kind === 'replay') return ok({ message: getMessage(db, outcome.id)!, replayed: true });

  const { written } = outcome;
  deps.events.publish({ type: 'message.status', messageId: written.id, phone: written.phone, agentId: written.agentId, status: 'queued', at: written.createdAt });
  deps.log.debug('message queued', { messageId: written.id, kind: written.kind, agentId: actor.id });

  // A send that must wait for the pair rate is left to the worker, which picks it up when due.
  if (outcome.claimed) {
    const first = sendClaimed(deps, outcome.id);
    if (opts.awaitFirstAttempt ?? !system) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([first, new Promise((resolve) => (timer = setTimeout(resolve, FIRST_ATTEMPT_WAIT_MS)))]);
      clearTimeout(timer);
    }
  }
  return ok({ message: getMessage(db, outcome.id) ?? written, replayed: false });
}
