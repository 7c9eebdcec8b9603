/**
 * What the ticket already tells us, mapped onto a template's variables: the customer's name, the
 * first order number and the ticket id. Each filled value remembers where it came from, so the
 * form can say so and the agent can check it before sending.
 *
 * @module
 */
import type { ApiTemplate } from '../../../shared/schemas/api-template';
import type { TicketContext } from '../../../shared/schemas/ticket-context';

export type PrefillSource = 'ticket_customer_name' | 'contact_name' | 'ticket_order_number' | 'ticket_id';

export type Prefill = {
  /** Raw form text per values key (`'1'`, `'order_id'`, `'header'`, `'button.0'`). */
  inputs: Record<string, string>;
  sources: Record<string, PrefillSource>;
};

type Variable = ApiTemplate['variables'][number];

/**
 * The variables the agent fills: optional quick-reply payloads are not shown to the customer, and
 * link endings the server puts in itself (`filledBy: 'server'`) would be thrown away.
 */
export const formVariables = (template: ApiTemplate): Variable[] => template.variables.filter((v) => v.required && v.filledBy !== 'server');

/** Variables whose value the server replaces at send time; the panel sends `SERVER_FILLED_VALUE` for them. */
export const serverFilledVariables = (template: ApiTemplate): Variable[] => template.variables.filter((v) => v.filledBy === 'server');

function fromTicket(variable: Variable, ticket: TicketContext | null, contactName: string | null): [string, PrefillSource] | null {
  switch (variable.kind) {
    case 'name': {
      const name = ticket?.customer.name?.trim();
      if (name) return [name, 'ticket_customer_name'];
      const known = contactName?.trim();
      return known ? [known, 'contact_name'] : null;
    }
    case 'order_number': {
      const order = ticket?.orderNumbers[0];
      return order ? [order, 'ticket_order_number'] : null;
    }
    case 'ticket_id':
      return ticket?.ticketId ? [ticket.ticketId, 'ticket_id'] : null;
    default:
      return null;
  }
}

/**
 * Only the first variable of each kind is filled: templates often have a second one of the same
 * kind that means something else (a store name after the customer's name, a tracking number
 * after the order number), and a wrong guess sent to a customer is worse than an empty field.
 */
export function prefillInputs(template: ApiTemplate, ticket: TicketContext | null, contactName: string | null = null): Prefill {
  const prefill: Prefill = { inputs: {}, sources: {} };
  const used = new Set<string>();
  for (const variable of formVariables(template)) {
    const found = used.has(variable.kind) ? null : fromTicket(variable, ticket, contactName);
    prefill.inputs[variable.key] = found?.[0] ?? '';
    if (found) {
      prefill.sources[variable.key] = found[1];
      used.add(variable.kind);
    }
  }
  return prefill;
}
