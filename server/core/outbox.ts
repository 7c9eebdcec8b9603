/**
 * The outbox: how a written message row becomes exactly one Graph call.
 *
 *   queued ──claim──▶ sending ──200──▶ accepted ──webhooks──▶ sent ▶ delivered ▶ read
 *     ▲                 │  │
 *     └──retryable──────┘  ├──permanent error──▶ failed (Meta's code + a readable reason)
 *        (backoff+jitter,  └──uncertain (timeout, crash mid-call)──▶ stays `sending`, marked uncertain:
 *         bounded)             a status webhook carrying our id resolves it; after the grace period → unknown
 *
 * - A row is claimed with one conditional UPDATE (`status = 'queued'` → `'sending'`), so the first
 *   attempt in the request and the background worker can never both call Graph for it.
 * - Our message id travels as `biz_opaque_callback_data`: a `sent` webhook for a call whose
 *   response we never saw still finds its row.
 * - An uncertain call is never repeated: Meta's send endpoint has no idempotency key (§7.3), so a
 *   blind retry can put the same message on the customer's phone twice.
 * - At start-up, `sending` rows are left from a call the previous process may or may not have
 *   made (kill -9): they become uncertain, not resent; `queued` rows are simply sent.
 * @module
 */
import { groupCommit } from '../db/group-commit';
import type { DB } from '../db/open-db';
import {
  claimForSending,
  dueMessageIds,
  expiredUncertainIds,
  getMessageRow,
  markInFlightUncertain,
  markUncertain,
  moveMessage,
  setWamid,
  type MessageRow,
  type StatusChange,
} from '../db/messages-repo';
import { getTemplate, patchTemplate } from '../db/templates-repo';
import type { Deps } from '../deps';
import { describeWhatsAppError, retryDelayMs, WhatsAppError } from '../whatsapp/errors';
import { consentState } from './consent-ledger';
import { topicRefusal } from './topic-gate';

export type OutboxOptions = {
  /** How often the worker looks for due retries and expired uncertain sends (real ms). */
  pollMs: number;
  /** How long an uncertain send waits for a webhook before it is shown as `unknown` (clock ms). */
  uncertainGraceMs: number;
  /** Graph calls per message at most, the first included. */
  maxAttempts: number;
  /** Messages the worker sends at once. */
  concurrency: number;
  random: () => number;
};

export const DEFAULT_OUTBOX_OPTIONS: OutboxOptions = {
  pollMs: 200,
  uncertainGraceMs: 15 * 60_000,
  maxAttempts: 6,
  concurrency: 16,
  random: Math.random,
};

type OutboxDeps = Pick<Deps, 'db' | 'clock' | 'log' | 'whatsapp' | 'events'>;

/** Attempts still running, per database, so shutdown can wait for them instead of cutting them off. */
const inFlight = new WeakMap<DB, Set<Promise<void>>>();

const publish = (deps: OutboxDeps, change: StatusChange | null) => {
  if (change) deps.events.publish(change);
};

/** Readable for an agent: our sentence for known codes, else Meta's own details or title. */
export function reasonFor(error: Pick<WhatsAppError, 'code' | 'details' | 'message'>): string {
  return describeWhatsAppError(error.code) ?? error.details ?? error.message;
}

/**
 * Makes one Graph call for a due `queued` message (does nothing if another caller has claimed it)
 * and records the outcome. Never throws: a failure of ours is logged and the row stays where the
 * ladder allows.
 */
export function attemptSend(deps: OutboxDeps, id: string, opts: OutboxOptions = DEFAULT_OUTBOX_OPTIONS): Promise<void> {
  return track(deps, id, attempt(deps, id, opts));
}

/**
 * The first Graph call for a row `insertMessage` wrote already claimed (`sending`, attempt 1) in
 * the transaction that just committed — `submitMessage` when the message may go out now. Same
 * outcome handling as `attemptSend`.
 */
export function sendClaimed(deps: OutboxDeps, id: string, opts: OutboxOptions = DEFAULT_OUTBOX_OPTIONS): Promise<void> {
  const work = async () => {
    const row = getMessageRow(deps.db, id);
    if (row?.status === 'sending' && row.attempts === 1) await callAndRecord(deps, row, opts);
  };
  return track(deps, id, work());
}

function track(deps: OutboxDeps, id: string, work: Promise<void>): Promise<void> {
  const set = inFlight.get(deps.db) ?? new Set<Promise<void>>();
  inFlight.set(deps.db, set);
  const run = work.catch((error: unknown) => {
    if (deps.db.open) deps.log.error('outbox attempt failed', { messageId: id, error });
  });
  set.add(run);
  void run.finally(() => set.delete(run));
  return run;
}

async function attempt(deps: OutboxDeps, id: string, opts: OutboxOptions): Promise<void> {
  const { db, clock } = deps;
  const claim = db.transaction((): { stopped: StatusChange } | { row: MessageRow | null } => {
    const now = clock.now();
    const stopped = stopIfOptedOut(db, id, now);
    return stopped ? { stopped } : { row: claimForSending(db, id, now) };
  })();
  if ('stopped' in claim) {
    publish(deps, claim.stopped);
    deps.log.info('queued message not sent: the customer opted out after it was queued', { messageId: id });
    return;
  }
  if (claim.row) await callAndRecord(deps, claim.row, opts);
}

async function callAndRecord(deps: OutboxDeps, row: MessageRow, opts: OutboxOptions): Promise<void> {
  const { db, clock } = deps;
  const id = row.id;
  deps.events.publish({ type: 'message.status', messageId: row.id, phone: row.phone, agentId: row.agent_id, status: 'sending', at: row.updated_at });

  const result = await callGraph(deps, row);
  // The server may have shut down while we waited on Meta; the row stays `sending` and the next
  // start treats it as uncertain.
  if (!db.open) return;
  const at = clock.now();

  if (result.ok) {
    // Committed together with the other answers that arrived in this turn (group-commit.ts).
    const change = await groupCommit(db, () => {
      // A `sent` webhook can beat the Graph response; then the row is already ahead of `accepted`.
      setWamid(db, id, result.value.wamid);
      return moveMessage(db, id, 'accepted', { at, wamid: result.value.wamid, errorCode: null, errorReason: null });
    });
    publish(deps, change);
    return;
  }

  const error = result.error;
  const reason = reasonFor(error);
  if (error.uncertain) {
    markUncertain(db, id, at);
    deps.log.warn('graph call outcome uncertain; waiting for a status webhook instead of resending', {
      messageId: id,
      kind: error.kind,
      error: error.message,
    });
    return;
  }
  const delay = row.attempts < opts.maxAttempts ? retryDelayMs(error, row.attempts - 1) : null;
  if (delay !== null) {
    const wait = Math.round(delay + delay * 0.3 * opts.random());
    publish(
      deps,
      moveMessage(db, id, 'queued', { at, nextAttemptAt: at + wait, errorCode: error.code, errorReason: `${reason} Retrying (attempt ${row.attempts + 1}).` }),
    );
    deps.log.info('graph send failed, will retry', { messageId: id, code: error.code, attempt: row.attempts, retryInMs: wait });
    return;
  }
  publish(deps, moveMessage(db, id, 'failed', { at, errorCode: error.code, errorReason: reason }));
  deps.log.info('graph send failed', { messageId: id, code: error.code, attempts: row.attempts });
  noteTemplateHealth(deps, row, error, at);
}

export const OPTED_OUT_SINCE_QUEUED =
  'The customer opted out after this message was queued, so it was not sent (only the opt-out confirmation may still go out).';
export const TOPIC_OFF_SINCE_QUEUED =
  "The customer turned off this template's topic after the message was queued, so it was not sent.";

/**
 * The gate ran when the row was written, but a message can wait a long time in the queue (Meta
 * down, a retry's backoff, a confirmation waiting for the pair rate). An opt-out recorded since
 * must still win: the due row fails instead of being sent. The gate's one exception applies here
 * too — the free-form opt-out confirmation itself.
 */
function stopIfOptedOut(db: DB, id: string, now: number): StatusChange | null {
  const row = getMessageRow(db, id);
  if (!row || row.status !== 'queued' || (row.next_attempt_at ?? 0) > now) return null;
  if (row.purpose === 'optout_confirmation' && row.kind === 'text') return null;
  const consent = consentState(db, row.phone, { historyLimit: 0 });
  if (consent.status === 'opted_out') return moveMessage(db, id, 'failed', { at: now, errorCode: null, errorReason: OPTED_OUT_SINCE_QUEUED });
  // Likewise a topic turned off in the preference centre since the message was queued.
  const stored = row.kind === 'template' ? getTemplate(db, row.template_name ?? '', row.template_language ?? '') : null;
  if (stored && topicRefusal(db, consent, stored.template)) {
    return moveMessage(db, id, 'failed', { at: now, errorCode: null, errorReason: TOPIC_OFF_SINCE_QUEUED });
  }
  return null;
}

async function callGraph(deps: OutboxDeps, row: MessageRow) {
  try {
    if (row.kind === 'template') {
      return await deps.whatsapp.sendTemplate({
        to: row.phone,
        name: row.template_name ?? '',
        language: row.template_language ?? '',
        components: JSON.parse(row.components_json ?? '[]') as unknown[],
        bizOpaqueCallbackData: row.id,
      });
    }
    return await deps.whatsapp.sendText({ to: row.phone, body: row.text ?? '', bizOpaqueCallbackData: row.id });
  } catch (cause) {
    // The client only throws for a caller bug (a number it cannot send to) before any request.
    const message = cause instanceof Error ? cause.message : String(cause);
    return { ok: false as const, error: new WhatsAppError({ kind: 'bad_response', message, uncertain: false }) };
  }
}

/** Meta told us the template is paused/disabled before a webhook did: keep the store honest. */
function noteTemplateHealth(deps: OutboxDeps, row: MessageRow, error: WhatsAppError, at: number) {
  if (!row.template_name || !row.template_language) return;
  const status = error.code === 132015 ? 'PAUSED' : error.code === 132016 ? 'DISABLED' : null;
  if (!status) return;
  const updated = patchTemplate(deps.db, { name: row.template_name, language: row.template_language }, { status }, at);
  if (updated) {
    const t = updated.template;
    deps.events.publish({ type: 'template.changed', templateId: t.id, name: t.name, language: t.language, status: t.status, category: t.category, at });
  }
}

export type OutboxWorker = {
  /** Runs one pass now (tests and the clock-advance hook). */
  tick(): void;
  /** Stops polling and waits (briefly) for attempts in flight. */
  stop(): Promise<void>;
};

/**
 * Recovers what a previous process left (see module comment), then polls for due retries and for
 * uncertain sends whose grace period has passed.
 */
export function startOutboxWorker(deps: OutboxDeps, options: Partial<OutboxOptions> = {}): OutboxWorker {
  const opts = { ...DEFAULT_OUTBOX_OPTIONS, ...options };
  const { db, clock } = deps;
  const recovered = markInFlightUncertain(db, clock.now());
  if (recovered > 0) deps.log.warn('messages left mid-send by the previous run are waiting for webhooks, not resent', { count: recovered });

  const running = new Set<string>();
  let stopped = false;

  const tick = () => {
    if (stopped || !db.open) return;
    const now = clock.now();
    for (const id of expiredUncertainIds(db, now - opts.uncertainGraceMs, 100)) {
      publish(
        deps,
        moveMessage(db, id, 'unknown', {
          at: now,
          errorReason: 'WhatsApp never confirmed whether this message was sent. It was not resent, to avoid a duplicate; check with the customer.',
        }),
      );
    }
    const free = opts.concurrency - running.size;
    if (free <= 0) return;
    for (const id of dueMessageIds(db, now, free + running.size)) {
      if (running.size >= opts.concurrency) break;
      if (running.has(id)) continue;
      running.add(id);
      void attemptSend(deps, id, opts).finally(() => running.delete(id));
    }
  };

  const timer = setInterval(tick, opts.pollMs);
  timer.unref();
  // Sends queued before a crash go out now rather than a poll later.
  setImmediate(tick);

  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      const pending = [...(inFlight.get(db) ?? [])];
      if (pending.length === 0) return;
      await Promise.race([Promise.allSettled(pending), new Promise((r) => setTimeout(r, 1000).unref())]);
    },
  };
}
