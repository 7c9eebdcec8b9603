/**
 * The audit log (`GET /api/audit`, admin): one append-only, hash-chained entry per send, consent
 * change, template change and agent action. Entries never hold a phone number, a name or message
 * text — the customer appears only as `subject`, the server's keyed hash of the number — so erasing
 * a customer leaves the log intact and still free of personal data.
 * @module
 */
import * as z from 'zod';

export const AuditAction = z.enum([
  'message.send',
  'consent.record',
  'consent.export',
  'template.create',
  'template.status',
  'template.category',
  'template.quality',
  'alert.dismiss',
  'contact.erase',
  'retention.update',
  'retention.run',
  /** Any other write through the API: method, route pattern (never the filled-in path) and status. */
  'api.request',
]);
export type AuditAction = z.infer<typeof AuditAction>;

export const ActorKind = z.enum(['agent', 'admin', 'system', 'meta', 'customer']);
export type ActorKind = z.infer<typeof ActorKind>;

export const AuditEntry = z.object({
  seq: z.number().int(),
  id: z.string(),
  at: z.number(),
  action: AuditAction,
  actor: z.object({ id: z.string().nullable(), kind: ActorKind }),
  /** HMAC-SHA256 of the customer's E.164 with the server's secret; null when no customer is involved. */
  subject: z.string().nullable(),
  /** What was acted on: a message id, consent id, `template:<name>/<language>`, a route… */
  target: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** `GET /api/audit` query. `phone` is hashed on the server and matched against `subject`. */
export const AuditQuery = z.object({
  /** An action (`consent.record`) or a family (`consent`, `template`). */
  action: z.string().trim().regex(/^[a-z]+(\.[a-z_]+)?$/, 'an action such as consent.record, or a family such as template').optional(),
  actorId: z.string().trim().min(1).max(100).optional(),
  phone: z.string().trim().min(1).max(40).optional(),
  target: z.string().trim().min(1).max(300).optional(),
  from: z.coerce.number().int().min(0).optional(),
  to: z.coerce.number().int().min(0).optional(),
  /** Newest first; pass the previous page's `nextBefore` to continue. */
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({ entries: z.array(AuditEntry), nextBefore: z.number().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;
