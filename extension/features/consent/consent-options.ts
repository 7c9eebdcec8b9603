import type { ConsentMethod, ConsentTopic } from '../../../shared/schemas/consent';

/** Methods an agent may record by hand (the server records the rest from evidence). Mirrors `AgentConsentMethod`. */
export const AGENT_METHODS = ['in_person', 'phone_call', 'paper_form', 'web_form'] as const satisfies readonly ConsentMethod[];
export type AgentMethod = (typeof AGENT_METHODS)[number];

/** Utility topics an agent can record; marketing is out of Köprü's scope (utility templates only). */
export const UTILITY_TOPICS = ['order_updates', 'shipping', 'appointments', 'payments', 'account_notices', 'surveys'] as const satisfies readonly ConsentTopic[];

export const DEFAULT_TOPICS: ConsentTopic[] = ['order_updates', 'shipping'];
