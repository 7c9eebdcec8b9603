// @vitest-environment happy-dom
/**
 * "Insert into reply": each adapter that knows its helpdesk's reply box finds the open ticket's
 * box (never another mounted ticket's), and the text arrives there through panel → background →
 * content script, at the caret or the end, with the input events editors listen to and nothing
 * submitted.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ADAPTERS } from '../../../extension/helpdesks/registry';
import { insertText } from '../../../extension/entrypoints/helpdesk.content/insert-text';
import { insertIntoReply, startReplyInserter } from '../../../extension/entrypoints/helpdesk.content/reply-inserter';
import type { ReplyTarget } from '../../../extension/lib/messaging';
import { sendMessage } from '../../../extension/lib/messaging';
import { startReplyRelay } from '../../../extension/lib/reply-relay';
import { createTicketStore } from '../../../extension/lib/ticket-store';
import { FIXTURE_PAGES } from '../../fixtures/helpdesks/fixture-pages';
import { createFakeExtension } from './fake-extension';
import { fixtureDocument, openFixture, READ_AT, readFixture, switchToNextTicket } from './fixture-page';

const ZENDESK = 'https://acme.zendesk.com/agent/tickets/4711';
const ZENDESK_2 = 'https://acme.zendesk.com/agent/tickets/4712';
const FRESHDESK = 'https://acme.freshdesk.com/a/tickets/1532';
const LINK = 'https://wa.me/908505551234?text=KOPRU-H4ND0';
const BOX = '[data-test-id="omnicomposer-rich-text-ckeditor"]';

const target = (url: string, ticketId: string, helpdesk: ReplyTarget['helpdesk'] = 'zendesk'): ReplyTarget => ({ helpdesk, ticketId, url });
const adapter = (id: string) => ADAPTERS.find((a) => a.id === id)!;
/** The anchor id of the Zendesk ticket pane that holds `el`. */
const paneOf = (el: Element | null) => el?.closest('[data-side-conversations-anchor-id]')?.getAttribute('data-side-conversations-anchor-id');

describe('finding the reply box', () => {
  it.each([
    ['zendesk', 'ticket.html', ZENDESK, 'Merhaba Ayşe Hanım,'],
    ['zendesk', 'ticket-2.html', ZENDESK_2, ''],
    ['freshdesk', 'ticket.html', FRESHDESK, ''],
    ['freshdesk', 'ticket-2.html', 'https://acme.freshdesk.com/a/tickets/1533', ''],
  ])('%s %s: the open ticket’s editable box, with its draft', (vendor, file, url, draft) => {
    const box = adapter(vendor).findReplyBox!(fixtureDocument(vendor, file), new URL(url));
    expect(box?.getAttribute('contenteditable')).toBe('true');
    expect(box?.textContent).toBe(draft);
  });

  it('zendesk: the active ticket’s composer, not the hidden tab’s (which holds another customer’s draft)', () => {
    const doc = fixtureDocument('zendesk', 'ticket.html');
    expect([...doc.querySelectorAll(BOX)].map(paneOf)).toEqual(['4690', '4711']); // ticket 4712 waits in an inert <template>
    expect(paneOf(adapter('zendesk').findReplyBox!(doc, new URL(ZENDESK)))).toBe('4711');
    expect(paneOf(adapter('zendesk').findReplyBox!(fixtureDocument('zendesk', 'ticket-2.html'), new URL(ZENDESK_2)))).toBe('4712');
  });

  it('zendesk: follows an in-place switch to the next ticket', () => {
    openFixture('zendesk', 'ticket.html', ZENDESK);
    switchToNextTicket();
    expect(paneOf(adapter('zendesk').findReplyBox!(document, new URL(location.href)))).toBe('4712');
  });

  it.each([
    ['zendesk', ZENDESK, '<div data-side-conversations-anchor-id="4711"><p>Yükleniyor…</p></div>'],
    ['zendesk', ZENDESK, `<div ${BOX.slice(1, -1)} contenteditable="true"></div>`], // a composer outside any ticket pane
    ['zendesk', ZENDESK, `<div data-side-conversations-anchor-id="4711"><div ${BOX.slice(1, -1)} contenteditable="false"></div></div>`],
    ['freshdesk', FRESHDESK, '<div class="app-main-wrapper"><div id="ticket-details"></div></div>'], // Reply not opened yet
    ['freshdesk', 'https://acme.freshdesk.com/a/tickets/filters/all_tickets', '<div class="fr-element fr-view" contenteditable="true"></div>'],
  ])('%s: no box when none belongs to the ticket on screen (%#)', (vendor, url, html) => {
    const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
    expect(adapter(vendor).findReplyBox!(doc, new URL(url))).toBeNull();
  });

  it('the ticket read from a page says whether its adapter can insert (the panel shows the button on that)', () => {
    const withBox = new Set(ADAPTERS.filter((a) => a.findReplyBox).map((a) => a.id));
    expect([...withBox].sort()).toEqual(['freshdesk', 'zendesk']);
    for (const page of FIXTURE_PAGES.filter((p) => p.helpdesk !== 'generic')) {
      const [vendor, file] = page.file.split('/') as [string, string];
      expect(readFixture(vendor, file, page.url).canInsertReply, page.file).toBe(withBox.has(page.helpdesk) ? true : undefined);
    }
  });
});

describe('inserting text', () => {
  function events(el: HTMLElement) {
    const seen: string[] = [];
    for (const type of ['beforeinput', 'input', 'keydown', 'submit', 'click']) {
      el.ownerDocument.addEventListener(type, (e) => seen.push(`${type}:${(e as InputEvent).inputType ?? ''}:${(e as InputEvent).data ?? ''}`), true);
    }
    return seen;
  }

  it('appends to the draft after a space, in its last paragraph, with beforeinput and input events and no submit', () => {
    openFixture('zendesk', 'ticket.html', ZENDESK);
    const seen = events(document.body);
    expect(insertIntoReply(document, new URL(ZENDESK), LINK, target(ZENDESK, '4711'), READ_AT)).toEqual({ ok: true });
    const box = document.querySelector<HTMLElement>(`[data-side-conversations-anchor-id="4711"] ${BOX}`)!;
    expect(box.innerHTML).toBe(`<p>Merhaba Ayşe Hanım, ${LINK}</p>`);
    expect(seen).toEqual([`beforeinput:insertText: ${LINK}`, `input:insertText: ${LINK}`]);
    // The hidden ticket tab's draft is untouched.
    expect(document.querySelector(`[data-side-conversations-anchor-id="4690"] ${BOX}`)?.textContent).toBe('Mehmet Bey, fatura kopyanız ektedir.');
  });

  it('into an empty paragraph, before the editor’s filler <br>, without a leading space', () => {
    const doc = new DOMParser().parseFromString('<div contenteditable="true"><p>Merhaba,</p><p><br></p></div>', 'text/html');
    const box = doc.querySelector<HTMLElement>('[contenteditable]')!;
    expect(insertText(box, LINK)).toBe(true);
    expect(box.innerHTML).toBe(`<p>Merhaba,</p><p>${LINK}<br></p>`);
  });

  it('at the agent’s caret when it was in the box', () => {
    document.body.innerHTML = '<div contenteditable="true"><p>Merhaba, buradan yazın. Teşekkürler</p></div>';
    const box = document.querySelector<HTMLElement>('[contenteditable]')!;
    const text = box.querySelector('p')!.firstChild!;
    const caret = document.createRange();
    caret.setStart(text, 'Merhaba, buradan yazın. '.length);
    caret.collapse(true);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(caret);
    expect(insertText(box, LINK)).toBe(true);
    expect(box.textContent).toBe(`Merhaba, buradan yazın. ${LINK}Teşekkürler`);
  });

  it('lets an editor that applies input itself (cancels beforeinput) do so, without inserting twice', () => {
    document.body.innerHTML = '<div contenteditable="true"><p>Merhaba</p></div>';
    const box = document.querySelector<HTMLElement>('[contenteditable]')!;
    const model: string[] = [];
    box.addEventListener('beforeinput', (e) => {
      e.preventDefault();
      model.push((e as InputEvent).data ?? '');
    });
    expect(insertText(box, LINK)).toBe(true);
    expect(model).toEqual([` ${LINK}`]);
    expect(box.textContent).toBe('Merhaba');
  });

  it.each([
    ['', null, LINK],
    ['Merhaba,', null, `Merhaba, ${LINK}`],
    ['Merhaba,\n', null, `Merhaba,\n${LINK}`],
    ['Merhaba Ayşe. İyi günler', 14, `Merhaba Ayşe. ${LINK}İyi günler`],
  ])('a textarea holding %j (caret %s) becomes %j, seen by a React-style input listener', (value, caret, expected) => {
    document.body.innerHTML = '<textarea></textarea>';
    const field = document.querySelector('textarea')!;
    field.value = value;
    if (caret !== null) {
      field.focus();
      field.setSelectionRange(caret, caret);
    }
    const onInput = vi.fn();
    field.addEventListener('input', () => onInput(field.value));
    expect(insertText(field, LINK)).toBe(true);
    expect(field.value).toBe(expected);
    expect(onInput).toHaveBeenCalledWith(expected);
  });
});

describe('refusals', () => {
  beforeEach(() => openFixture('zendesk', 'ticket.html', ZENDESK));

  it.each([
    ['another ticket', target(ZENDESK_2, '4712'), 'ticket_changed'],
    ['another helpdesk', target(FRESHDESK, '4711', 'freshdesk'), 'ticket_changed'],
  ])('refuses when the page shows %s than the panel', (_what, expected, reason) => {
    expect(insertIntoReply(document, new URL(ZENDESK), LINK, expected, READ_AT)).toEqual({ ok: false, reason });
    expect(document.body.textContent).not.toContain(LINK);
  });

  it('says so when the reply box is not on screen', () => {
    document.querySelector(`[data-side-conversations-anchor-id="4711"] ${BOX}`)!.remove();
    expect(insertIntoReply(document, new URL(ZENDESK), LINK, target(ZENDESK, '4711'), READ_AT)).toEqual({ ok: false, reason: 'no_reply_box' });
  });

  it('says so on a helpdesk whose adapter knows no reply box', () => {
    const url = FIXTURE_PAGES.find((p) => p.file === 'helpscout/ticket.html')!.url;
    openFixture('helpscout', 'ticket.html', url);
    expect(insertIntoReply(document, new URL(url), LINK, { helpdesk: 'helpscout', ticketId: '1187', url }, READ_AT)).toEqual({ ok: false, reason: 'unsupported' });
  });
});

describe('panel → background → content script', () => {
  let fake: ReturnType<typeof createFakeExtension>;
  beforeEach(() => {
    fake = createFakeExtension();
    startReplyRelay(fake.background());
    openFixture('zendesk', 'ticket.html', ZENDESK);
  });
  const composer = () => document.querySelector(`[data-side-conversations-anchor-id="4711"] ${BOX}`)!.textContent;
  const runInserter = (tabId: number) =>
    startReplyInserter({ onInvalidated: () => () => {} }, { doc: document, href: () => location.href, now: () => READ_AT, api: fake.contentScript(tabId) });

  it("puts the link into the active tab's reply box, also for the panel opened as a tab", async () => {
    fake.openTab(1, ZENDESK);
    fake.activate(1);
    runInserter(1);
    expect(await createTicketStore(fake.panel()).insertIntoReply(LINK, target(ZENDESK, '4711'))).toEqual({ ok: true });
    expect(composer()).toBe(`Merhaba Ayşe Hanım, ${LINK}`);
    expect(await createTicketStore(fake.panel(1, 99)).insertIntoReply('ve bu', target(ZENDESK, '4711'))).toEqual({ ok: true });
    expect(composer()).toBe(`Merhaba Ayşe Hanım, ${LINK} ve bu`);
  });

  it('reports a tab without a content script (page still loading, generic page never read)', async () => {
    fake.openTab(1, ZENDESK);
    fake.activate(1);
    expect(await createTicketStore(fake.panel()).insertIntoReply(LINK, target(ZENDESK, '4711'))).toEqual({ ok: false, reason: 'no_reply' });
  });

  it('reports a window without an active tab', async () => {
    expect(await createTicketStore(fake.panel()).insertIntoReply(LINK, target(ZENDESK, '4711'))).toEqual({ ok: false, reason: 'no_tab' });
  });

  it('does not let a content script write into another tab’s reply box', async () => {
    fake.openTab(1, ZENDESK);
    fake.openTab(2, 'https://evil.example.test/');
    runInserter(1);
    expect(await sendMessage('insertReply', { tabId: 1, text: LINK, target: target(ZENDESK, '4711') }, fake.contentScript(2))).toEqual({ ok: false, reason: 'not_allowed' });
    expect(composer()).toBe('Merhaba Ayşe Hanım,');
  });
});
