// @vitest-environment happy-dom
/**
 * "Insert into reply" in the panel: offered only where the ticket tab's adapter knows the reply
 * box, sends the link for the ticket the panel shows, and tells the agent what happened, in both
 * languages.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InsertReplyResult, ReplyTarget } from '../../../extension/lib/messaging';
import { en } from '../../../extension/i18n/en';
import { tr } from '../../../extension/i18n/tr';
import { makeTicket } from './fixtures';

const inserted: Array<{ text: string; target: ReplyTarget }> = [];
let answer: InsertReplyResult = { ok: true };
vi.mock('wxt/utils/storage', () => import('./fake-imports'));
vi.mock('../../../extension/lib/ticket-store', () => ({
  insertIntoActiveReply: async (text: string, target: ReplyTarget) => {
    inserted.push({ text, target });
    return answer;
  },
}));

const { InsertReplyButton } = await import('../../../extension/features/handoff/insert-reply-button');
const { usePanelStore } = await import('../../../extension/store');

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const LINK = 'https://wa.me/908505551234?text=KOPRU-H4ND0';
let root: Root;
let container: HTMLElement;
const $ = (testId: string) => container.querySelector<HTMLElement>(`[data-testid="${testId}"]`);

async function render(ticket: ReturnType<typeof makeTicket> | null, language: 'tr' | 'en' = 'en') {
  usePanelStore.setState({ ...usePanelStore.getInitialState(), ticket, language }, true);
  await act(async () => root.render(<InsertReplyButton text={LINK} testId="insert" />));
}
const click = () => act(async () => $('insert')!.click());

beforeEach(() => {
  inserted.length = 0;
  answer = { ok: true };
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
});

describe('Insert into reply', () => {
  it.each([
    ['a helpdesk whose adapter knows no reply box', makeTicket({ helpdesk: 'helpscout' })],
    ['no ticket', null],
  ])('is not offered on %s (copying stays)', async (_what, ticket) => {
    await render(ticket);
    expect($('insert')).toBeNull();
  });

  it('puts the link into the shown ticket’s reply and says nothing was sent', async () => {
    await render(makeTicket({ canInsertReply: true }));
    expect($('insert')?.textContent).toBe(en['insertReply.button']);
    expect($('insert-result')?.hidden).toBe(true);
    await click();
    expect(inserted).toEqual([{ text: LINK, target: { helpdesk: 'zendesk', ticketId: '4711', url: 'https://acme.zendesk.com/agent/tickets/4711' } }]);
    expect($('insert-result')).toMatchObject({ hidden: false, textContent: en['insertReply.done'] });
    expect($('insert-result')?.dataset.state).toBe('done');
  });

  it.each([
    ['no_reply_box', 'en', en['insertReply.failed.no_reply_box']],
    ['ticket_changed', 'en', en['insertReply.failed.ticket_changed']],
    ['no_reply', 'en', en['insertReply.failed.other']],
    ['not_inserted', 'tr', tr['insertReply.failed.other']],
    ['no_reply_box', 'tr', tr['insertReply.failed.no_reply_box']],
  ] as const)('explains a failure (%s) in %s', async (reason, language, text) => {
    answer = { ok: false, reason };
    await render(makeTicket({ canInsertReply: true }), language);
    await click();
    expect($('insert-result')).toMatchObject({ hidden: false, textContent: text });
    expect($('insert-result')?.dataset.state).toBe('failed');
  });

  it('speaks Turkish', async () => {
    await render(makeTicket({ canInsertReply: true }), 'tr');
    expect($('insert')?.textContent).toBe(tr['insertReply.button']);
    await click();
    expect($('insert-result')?.textContent).toBe(tr['insertReply.done']);
  });
});
