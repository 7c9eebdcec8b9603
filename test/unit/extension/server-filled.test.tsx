// @vitest-environment happy-dom
/**
 * Link endings the server fills itself (a preference-centre or tracked link, `filledBy: 'server'`
 * in GET /api/templates): the panel does not ask the agent for them, sends a placeholder the server
 * replaces, and the preview says the link is added when sent instead of showing a made-up URL.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiTemplate } from '../../../shared/schemas/api-template';
import type { SendInput } from '../../../shared/schemas/message';
import { en } from '../../../extension/i18n/en';
import { tr } from '../../../extension/i18n/tr';
import type { ApiClient } from '../../../extension/lib/api-client';
import { createOutbox } from '../../../extension/lib/outbox';
import type { Services } from '../../../extension/lib/services';
import { makeContact, makeMessage, makeTicket, PHONE, shippedTemplate } from './fixtures';

vi.mock('wxt/utils/storage', () => import('./fake-imports'));
const { Composer } = await import('../../../extension/features/send/composer');
const { sendDraft } = await import('../../../extension/features/send/send-draft');
const { computeDraft } = await import('../../../extension/features/variables-form/use-draft');
const { SERVER_FILLED_VALUE } = await import('../../../extension/features/variables-form/typed-values');
const { ServicesProvider } = await import('../../../extension/lib/services');
const { usePanelStore } = await import('../../../extension/store');

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** `Merhaba {{1}}…` with a preference-centre button (server-filled) and an ordinary tracking button. */
function settingsTemplate(over: Partial<ApiTemplate> = {}): ApiTemplate {
  return shippedTemplate({
    name: 'order_with_settings',
    components: [
      { type: 'BODY', text: 'Merhaba {{1}}, siparişiniz yolda.' },
      {
        type: 'BUTTONS',
        buttons: [
          { type: 'URL', text: 'Bildirim ayarları', url: 'http://127.0.0.1:8787/preferences/{{1}}' },
          { type: 'URL', text: 'Kargoyu izle', url: 'https://kargo.example.com/takip/{{1}}' },
        ],
      },
    ],
    variables: [
      { key: '1', placeholder: '1', location: 'body', kind: 'name', required: true },
      { key: 'button.0', placeholder: '1', location: 'button', buttonIndex: 0, kind: 'url_suffix', required: true, serverLink: 'preferences', filledBy: 'server' },
      { key: 'button.1', placeholder: '1', location: 'button', buttonIndex: 1, kind: 'url_suffix', required: true },
    ],
    ...over,
  });
}

function services() {
  const sent: SendInput[] = [];
  const send = async (input: SendInput) => {
    sent.push(input);
    return { ok: true as const, value: { message: makeMessage(), replayed: false } };
  };
  const api = { sendMessage: send, contact: async () => ({ ok: true, value: makeContact() }), message: async () => ({ ok: true, value: makeMessage() }) } as unknown as ApiClient;
  const outbox = createOutbox({ storage: { getValue: async () => [], setValue: async () => {} }, send, now: () => 0 });
  return { services: { api, outbox } satisfies Services, sent };
}

function choose(template: ApiTemplate, language: 'tr' | 'en' = 'en') {
  usePanelStore.setState(usePanelStore.getInitialState(), true);
  const s = usePanelStore.getState();
  s.settingsLoaded({ serverUrl: 'http://127.0.0.1:8787', token: 't', language });
  s.agentVerified({ id: 'agt_1', name: 'Agent', role: 'agent', createdAt: 0 });
  s.ticketDetected(makeTicket());
  s.contactRequested(PHONE);
  s.contactLoaded(PHONE, makeContact({ consent: { status: 'opted_in', topics: ['order_updates', 'shipping'], updatedAt: 1, history: [] } }));
  s.templateChosen(template);
}

describe('server-filled link endings', () => {
  it('are not asked for, and go out as a placeholder the server replaces', async () => {
    choose(settingsTemplate());
    expect(Object.keys(usePanelStore.getState().inputs)).toEqual(['1', 'button.1']);
    usePanelStore.getState().variableEdited('button.1', 'TRK4829301');
    const draft = computeDraft(usePanelStore.getState().template!, usePanelStore.getState().inputs);
    expect(draft.problems).toEqual([]);

    const { services: svc, sent } = services();
    await sendDraft(svc, usePanelStore);
    const input = sent[0];
    expect(input && 'values' in input ? input.values : null).toEqual({ '1': 'Ayşe Yılmaz', 'button.0': SERVER_FILLED_VALUE, 'button.1': 'TRK4829301' });
  });

  it('a template whose only value is server-filled needs nothing typed', () => {
    const template = settingsTemplate({
      components: [{ type: 'BODY', text: 'Bildirim ayarlarınızı aşağıdan değiştirebilirsiniz.' }, { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Ayarlar', url: 'http://127.0.0.1:8787/preferences/{{1}}' }] }],
      variables: [{ key: 'button.0', placeholder: '1', location: 'button', buttonIndex: 0, kind: 'url_suffix', required: true, serverLink: 'preferences', filledBy: 'server' }],
    });
    expect(computeDraft(template, {})).toMatchObject({ problems: [], values: { 'button.0': SERVER_FILLED_VALUE } });
  });

  describe('in the composer', () => {
    let root: Root;
    let container: HTMLElement;
    const $ = (testId: string) => container.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
    const $$ = (testId: string) => [...container.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
    beforeEach(() => {
      container = document.createElement('div');
      document.body.append(container);
      root = createRoot(container);
    });
    afterEach(async () => {
      await act(async () => root.unmount());
      container.remove();
    });
    const render = (svc: Services) => act(async () => root.render(<ServicesProvider services={svc}><Composer /></ServicesProvider>));

    it.each([
      ['en', en['preview.serverLink.preferences']],
      ['tr', tr['preview.serverLink.preferences']],
    ] as const)('hides the input and says in the preview (%s) that the link is added when sent', async (language, note) => {
      choose(settingsTemplate(), language);
      await render(services().services);
      expect($('variable-input-button.0')).toBeNull();
      expect($('variable-input-button.1')).not.toBeNull();
      expect($$('preview-button-server-link').map((el) => el.textContent)).toEqual([note]);
      // The other button still shows its final link; no placeholder is ever shown as a link.
      expect($$('preview-button-url').map((el) => el.textContent)).toEqual(['https://kargo.example.com/takip/{{1}}']);
      expect(container.textContent).not.toContain(`/preferences/${SERVER_FILLED_VALUE}`);
    });

    it('a tracked link whose target uses the agent’s value: still asked for, and the preview says it becomes a tracked link', async () => {
      const template = settingsTemplate();
      choose({ ...template, variables: template.variables.map((v) => (v.key === 'button.0' ? { ...v, serverLink: 'click_tracking' as const, filledBy: undefined } : v)) });
      await render(services().services);
      expect($('variable-input-button.0')).not.toBeNull();
      expect($$('preview-button-server-link').map((el) => el.textContent)).toEqual([en['preview.serverLink.click_tracking']]);
    });
  });
});
