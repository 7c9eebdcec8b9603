/**
 * Form text → the values `renderTemplate` and the server take. Dates and amounts are typed
 * inputs; what the customer reads is formatted in the *template's* language (a Turkish template
 * gets `12 Mart 2026` and `₺1.234,50` whatever language the agent's panel is in).
 *
 * @module
 */
import type { ApiTemplate } from '../../../shared/schemas/api-template';
import type { TemplateValues } from '../../../shared/schemas/values';
import { formatAmount, formatDateInput, parseAmount, typedCurrency } from '../../lib/format';
import { formVariables, serverFilledVariables } from './prefill';

export type LocalProblem = { key: string; code: 'INVALID_AMOUNT' | 'INVALID_DATE' | 'INVALID_LOCATION' };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const CURRENCIES = ['TRY', 'USD', 'EUR', 'GBP'] as const;

/**
 * Sent for a value the server fills itself (a preference-centre or tracked link ending): the
 * message still needs one to be valid, and the server replaces it before anything leaves.
 */
export const SERVER_FILLED_VALUE = 'auto';

/** Where the currency chosen next to an amount field is kept in the form's inputs. */
export const currencyKey = (key: string): string => `${key}@currency`;

/** `41.0082, 28.9784` (optionally followed by a name) → a location value. */
export function parseLocation(text: string): { type: 'location'; latitude: number; longitude: number; name?: string } | null {
  const match = /^\s*(-?\d+(?:\.\d+)?)\s*[,;\s]\s*(-?\d+(?:\.\d+)?)\s*(?:[,;]\s*(.+))?$/.exec(text);
  if (!match) return null;
  const latitude = Number(match[1]);
  const longitude = Number(match[2]);
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  return { type: 'location', latitude, longitude, ...(match[3] ? { name: match[3].trim() } : {}) };
}

export function buildValues(template: ApiTemplate, inputs: Record<string, string>): { values: TemplateValues; problems: LocalProblem[] } {
  const values: TemplateValues = {};
  const problems: LocalProblem[] = [];
  for (const variable of formVariables(template)) {
    const raw = inputs[variable.key] ?? '';
    if (raw.trim() === '') continue; // renderTemplate reports it as missing
    switch (variable.kind) {
      case 'date': {
        // "date" variables also hold times and ranges ("14:00–18:00"): free text stays as typed;
        // an ISO date (from the date picker) is written out in the template's language.
        if (ISO_DATE.test(raw.trim())) {
          const formatted = formatDateInput(raw.trim(), template.language);
          if (formatted) values[variable.key] = formatted;
          else problems.push({ key: variable.key, code: 'INVALID_DATE' });
        } else values[variable.key] = raw;
        break;
      }
      case 'amount': {
        const amount = parseAmount(raw);
        // A currency typed with the amount wins over the menu next to it.
        const currency = typedCurrency(raw) ?? (inputs[currencyKey(variable.key)] || 'TRY');
        if (amount === null) problems.push({ key: variable.key, code: 'INVALID_AMOUNT' });
        else values[variable.key] = formatAmount(amount, currency, template.language);
        break;
      }
      case 'location': {
        const location = parseLocation(raw);
        if (location) values[variable.key] = location;
        else problems.push({ key: variable.key, code: 'INVALID_LOCATION' });
        break;
      }
      default:
        values[variable.key] = raw;
    }
  }
  for (const variable of serverFilledVariables(template)) values[variable.key] = SERVER_FILLED_VALUE;
  return { values, problems };
}
