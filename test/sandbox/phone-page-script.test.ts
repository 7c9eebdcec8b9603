import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from './helpers/harness';
import { PHONE_ID, startHarness } from './helpers/harness';
import { waitFor } from './helpers/wait-for';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** Loads the phone page in happy-dom with its inline script running against the live sandbox. */
async function openPhone(waId: string) {
  const window = new Window({ url: `${h.server.url}/phone/${waId}`, settings: { enableJavaScriptEvaluation: true } });
  const html = await (await fetch(`${h.server.url}/phone/${waId}`)).text();
  window.document.write(html);
  return window;
}

describe('phone page script', () => {
  it('a quick-reply tap posts the button reply with the template as context', async () => {
    const to = '905329100011';
    const sent = await h.graph('POST', `/${PHONE_ID}/messages`, {
      messaging_product: 'whatsapp',
      to,
      type: 'template',
      template: { name: 'feedback_survey', language: { code: 'tr' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ayşe' }, { type: 'text', text: '#1' }] }] },
    });
    const window = await openPhone(to);
    try {
      const button = window.document.querySelector('button.qr[data-text="Evet"]') as unknown as { click(): void } | null;
      expect(button).not.toBeNull();
      button!.click();
      const value = await waitFor(() => h.hooks.values('messages').find((v) => v.messages?.[0]?.type === 'button'), 'button reply webhook');
      expect(value.messages[0]).toMatchObject({ from: to, button: { payload: 'Evet', text: 'Evet' }, context: { id: sent.body.messages[0].id } });
    } finally {
      await window.happyDOM.close();
    }
  });

  it('the reply box sends a text, and new messages appear by polling', async () => {
    const to = '905329100021';
    const window = await openPhone(to);
    try {
      const doc = window.document;
      (doc.getElementById('text') as unknown as { value: string }).value = 'Kargom nerede?';
      const form = doc.getElementById('reply')!;
      form.dispatchEvent(new window.Event('submit', { cancelable: true, bubbles: true }));
      await waitFor(() => h.hooks.values('messages').find((v) => v.messages?.[0]?.text?.body === 'Kargom nerede?'), 'typed reply webhook');
      await h.graph('POST', `/${PHONE_ID}/messages`, { messaging_product: 'whatsapp', to, type: 'text', text: { body: 'Yarın teslim edilecek.' } });
      await waitFor(() => doc.getElementById('chat')!.innerHTML.includes('Yarın teslim edilecek.'), 'polled bubble', 5000);
    } finally {
      await window.happyDOM.close();
    }
  });
});
