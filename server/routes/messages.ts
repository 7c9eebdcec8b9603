/**
 * `POST /api/messages` — send a template or (inside the 24 h window) a free-form reply, through the
 * gate and the outbox (`submitMessage`). An `Idempotency-Key` header is required: the panel makes
 * one per draft, so a double click, a retried request after a dropped response, or 100 identical
 * requests all end as one message. Answers 202 `{ message }` (a replay also 202, with
 * `Idempotent-Replayed: true`). `GET /api/messages/:id` — the message with its status history.
 * @module
 */
import { zValidator } from '@hono/zod-validator';
import { Hono, type MiddlewareHandler } from 'hono';
import * as z from 'zod';
import { SendInput, TemplateSendInput, TextSendInput } from '../../shared/schemas/message';
import type { AppEnv } from '../core/app-env';
import { IDEMPOTENCY_KEY, submitMessage } from '../core/send-message';
import { getMessage } from '../db/messages-repo';
import type { Deps } from '../deps';
import { ApiError, errorBody, fail, issueDetails, validate } from '../errors';

export const MessageIdParam = z.object({ id: z.string().min(1).max(100) });

const requireIdempotencyKey: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = c.req.header('idempotency-key')?.trim();
  if (!key) {
    throw new ApiError('IDEMPOTENCY_KEY_REQUIRED', 'Send an Idempotency-Key header (one new random key per message draft).');
  }
  if (key.length < IDEMPOTENCY_KEY.min || key.length > IDEMPOTENCY_KEY.max) {
    throw new ApiError('VALIDATION_FAILED', `The Idempotency-Key must be ${IDEMPOTENCY_KEY.min}–${IDEMPOTENCY_KEY.max} characters.`, [
      { path: 'Idempotency-Key', message: `length ${key.length}` },
    ]);
  }
  await next();
};

/**
 * A union's own error is just "Invalid input"; re-check against the branch the body meant
 * (`template` present → a template send) so the agent learns which field is wrong.
 */
const validateSend = zValidator('json', SendInput, (result) => {
  if (result.success) return;
  const data = result.data as unknown;
  const branch = data && typeof data === 'object' && 'template' in data ? TemplateSendInput.strict() : TextSendInput.strict();
  const issues = branch.safeParse(data).error?.issues ?? result.error.issues;
  throw new ApiError('VALIDATION_FAILED', 'The request json is not valid.', issueDetails(issues));
});

export const messagesRoute = (deps: Deps) =>
  new Hono<AppEnv>()
    .post('/', requireIdempotencyKey, validateSend, async (c) => {
      const { id, role } = c.var.agent;
      const key = c.req.header('idempotency-key')!.trim();
      const result = await submitMessage(deps, { id, role }, key, c.req.valid('json'));
      if (!result.ok) {
        const e = result.error;
        for (const [name, value] of Object.entries(e.headers ?? {})) c.header(name, value);
        return c.json(errorBody(e.code, e.message, e.details), e.status);
      }
      if (result.value.replayed) c.header('Idempotent-Replayed', 'true');
      return c.json({ message: result.value.message }, 202);
    })
    .get('/:id', validate('param', MessageIdParam), (c) => {
      const message = getMessage(deps.db, c.req.valid('param').id);
      if (!message) return fail(c, 'NOT_FOUND', 'There is no message with this id.');
      return c.json({ message }, 200);
    });
