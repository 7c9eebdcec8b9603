/**
 * Every helpdesk adapter, and how a page picks one. Adding a helpdesk: a file here, an entry in
 * `ADAPTERS`, a fixture folder under test/fixtures/helpdesks/ (the registry meta-test checks both).
 *
 * @module
 */
import { MatchPattern } from 'wxt/utils/match-patterns';
import { freshdesk } from './freshdesk';
import { front } from './front';
import { generic } from './generic';
import { gorgias } from './gorgias';
import { helpscout } from './helpscout';
import { hubspot } from './hubspot';
import { intercom } from './intercom';
import type { HelpdeskAdapter } from './types';
import { zendesk } from './zendesk';

/** Vendor adapters first; `generic` last, it takes any page. */
export const ADAPTERS: readonly HelpdeskAdapter[] = [zendesk, freshdesk, helpscout, gorgias, intercom, hubspot, front, generic];

/** The content script's `matches`: the vendors' agent apps, never `<all_urls>`. */
export const VENDOR_MATCHES: readonly string[] = ADAPTERS.flatMap((adapter) => adapter.matches);

const PATTERNS = ADAPTERS.map((adapter) => ({ adapter, patterns: adapter.matches.map((m) => new MatchPattern(m)) }));

/** The adapter for the app serving `url`: the vendor whose match patterns include it, else `generic`. */
export function detectHelpdesk(url: URL): HelpdeskAdapter {
  return PATTERNS.find(({ patterns }) => patterns.some((pattern) => pattern.includes(url)))?.adapter ?? generic;
}
