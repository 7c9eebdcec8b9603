import { Hono } from 'hono';
import type { Contact } from '../../shared/schemas/contact';
import { serviceWindow } from '../../shared/window/service-window';
import type { AppEnv } from '../core/app-env';
import { consentState } from '../core/consent-ledger';
import { getContactRow } from '../db/contacts-repo';
import { listMessagesForPhone } from '../db/messages-repo';
import { readPhone } from '../core/phone-input';
import type { Deps } from '../deps';
import { failWith } from '../errors';

/**
 * `GET /api/contacts/:phone` — everything the panel needs before sending: consent (from the
 * ledger), the service window, whether a template now would be free, and recent messages. The
 * phone may be in any human format; unknown numbers are not an error (consent `none`).
 */
export const contactsRoute = (deps: Deps) =>
  new Hono<AppEnv>().get('/:phone', (c) => {
    const parsed = readPhone(c.req.param('phone'), deps.config.defaultRegion);
    if (!parsed.ok) return failWith(c, parsed.error);
    const row = getContactRow(deps.db, parsed.e164);
    const window = serviceWindow(row?.lastInboundAt ?? null, deps.clock.now());
    const contact: Contact = {
      phone: parsed.e164,
      waId: row?.waId ?? parsed.waId,
      name: row?.name ?? null,
      consent: consentState(deps.db, parsed.e164),
      window: { open: window.open, expiresAt: window.expiresAt },
      // Utility templates inside an open window are free; outside they are billed (reference §6.6).
      nextTemplatePrice: window.open ? 'free' : 'billable',
      messages: listMessagesForPhone(deps.db, parsed.e164, 20),
    };
    return c.json({ contact }, 200);
  });
