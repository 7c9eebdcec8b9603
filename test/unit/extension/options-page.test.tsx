// @vitest-environment happy-dom
/** The options page as a pairing link opens it: `options.html#server=<url>&token=<token>`. */
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('wxt/utils/storage', () => import('./fake-imports'));
const fake = (await import('wxt/utils/storage')) as unknown as typeof import('./fake-imports');
const { OptionsApp } = await import('../../../extension/entrypoints/options/options-app');
const { settingsItem } = await import('../../../extension/lib/settings');
const { usePanelStore } = await import('../../../extension/store');

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const SERVER = 'http://127.0.0.1:8787';

async function open(hash: string, answer: (auth: string) => Response) {
  fake.resetFakeStorage({ settings: { serverUrl: '', token: '', language: 'en' } });
  usePanelStore.setState(usePanelStore.getInitialState(), true);
  const calls: string[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push(url);
    return answer((init.headers as Record<string, string>).authorization ?? '');
  });
  history.replaceState(null, '', `/options.html${hash}`);
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => root.render(<OptionsApp />));
  const $ = (id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  for (let i = 0; i < 50 && !$('options-success') && !$('connect-problem'); i++) await act(() => new Promise((r) => setTimeout(r, 10)));
  return { $, calls, unmount: () => act(async () => root.unmount()) };
}

afterEach(() => vi.unstubAllGlobals());

describe('pairing link', () => {
  it('fills both fields, checks GET /api/me, stores them and removes the token from the address bar', async () => {
    const page = await open(`#server=${encodeURIComponent(SERVER)}&token=tok-abcdef`, (auth) =>
      auth === 'Bearer tok-abcdef'
        ? Response.json({ agent: { id: 'agt_1', name: 'Deniz', role: 'agent', createdAt: 0 } })
        : Response.json({ error: { code: 'UNAUTHORIZED', message: 'no' } }, { status: 401 }),
    );
    expect(page.$('options-success')?.textContent).toContain(`Connected to ${SERVER} as Deniz.`);
    expect(page.calls).toEqual([`${SERVER}/api/me`]);
    expect(await settingsItem.getValue()).toEqual({ serverUrl: SERVER, token: 'tok-abcdef', language: 'en' });
    expect(location.hash).toBe('');
    await page.unmount();
  });

  it('a revoked token is refused with the reason and nothing is stored', async () => {
    const page = await open(`#server=${encodeURIComponent(SERVER)}&token=revoked-1`, () => Response.json({ error: { code: 'UNAUTHORIZED', message: 'revoked' } }, { status: 401 }));
    expect(page.$('connect-problem')?.textContent).toBe('Your token was not accepted. Check it or ask your admin for a new one.');
    expect(await settingsItem.getValue()).toEqual({ serverUrl: '', token: '', language: 'en' });
    await page.unmount();
  });
});
