/**
 * Meta's customer service window (reference §6.1): 24 h from the customer's last inbound message,
 * reset by every new one. Inside it free-form text is allowed and utility templates are free;
 * outside only approved templates go out (free-form fails later with 131047).
 *
 * @module
 */

export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

export type ServiceWindow = { open: boolean; expiresAt: number | null; msLeft: number };

/**
 * Window state at `now` (ms epoch) given the last inbound message time (ms epoch, or null when the
 * customer never wrote). Open iff `now < lastInboundAt + 24 h`; `msLeft` is 0 when closed.
 */
export function serviceWindow(lastInboundAt: number | null, now: number): ServiceWindow {
  if (lastInboundAt === null || !Number.isFinite(lastInboundAt)) return { open: false, expiresAt: null, msLeft: 0 };
  const expiresAt = lastInboundAt + SERVICE_WINDOW_MS;
  const msLeft = Math.max(0, expiresAt - now);
  return { open: now < expiresAt, expiresAt, msLeft };
}
