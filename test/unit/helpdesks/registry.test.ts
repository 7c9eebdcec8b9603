// @vitest-environment happy-dom
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HELPDESK_IDS } from '../../../shared/schemas/ticket-context-consts';
import { ADAPTERS, detectHelpdesk, VENDOR_MATCHES } from '../../../extension/helpdesks/registry';
import type { HelpdeskAdapter } from '../../../extension/helpdesks/types';
import { FIXTURE_PAGES } from '../../fixtures/helpdesks/fixture-pages';
import { FIXTURE_DIR, fixtureDocument, fixtureExists, readFixture } from './fixture-page';

const HELPDESKS_DIR = fileURLToPath(new globalThis.URL('../../../extension/helpdesks/', import.meta.url));

function isAdapter(value: unknown): value is HelpdeskAdapter {
  const v = value as Partial<HelpdeskAdapter> | null;
  return typeof v === 'object' && v !== null && typeof v.id === 'string' && Array.isArray(v.matches) &&
    typeof v.isTicketPage === 'function' && typeof v.readTicket === 'function';
}

/** Every adapter exported by a file in extension/helpdesks/, with the file it lives in. */
async function adapterFiles(): Promise<Array<{ file: string; exportName: string; adapter: HelpdeskAdapter }>> {
  const found = [];
  for (const file of readdirSync(HELPDESKS_DIR).filter((f) => f.endsWith('.ts'))) {
    const module = (await import(join(HELPDESKS_DIR, file))) as Record<string, unknown>;
    for (const [exportName, value] of Object.entries(module)) {
      if (isAdapter(value)) found.push({ file: basename(file, '.ts'), exportName, adapter: value });
    }
  }
  return found;
}

describe('helpdesk registry', () => {
  it('registers every adapter file, named after its id, and nothing else', async () => {
    const files = await adapterFiles();
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const { file, exportName, adapter } of files) {
      expect({ file, exportName }).toEqual({ file: adapter.id, exportName: adapter.id });
      expect(ADAPTERS).toContain(adapter);
    }
    expect(ADAPTERS.map((a) => a.id).sort()).toEqual(files.map((f) => f.adapter.id).sort());
  });

  it('covers exactly the helpdesk ids of the shared schema, generic last', () => {
    expect(ADAPTERS.map((a) => a.id).sort()).toEqual([...HELPDESK_IDS].sort());
    expect(ADAPTERS.at(-1)?.id).toBe('generic');
  });

  it('has a fixture folder for every adapter and no orphan folders', () => {
    for (const { id } of ADAPTERS) {
      const pages = id === 'generic' ? ['page.html'] : ['ticket.html', 'ticket-2.html'];
      for (const page of pages) expect(fixtureExists(id, page), `${id}/${page}`).toBe(true);
    }
    const folders = readdirSync(FIXTURE_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(folders.sort()).toEqual(ADAPTERS.map((a) => a.id).sort());
  });

  it.each(FIXTURE_PAGES.map((page) => [page.file, page] as const))(
    '%s is listed at a URL its helpdesk reads, with a working in-place switch',
    (file, page) => {
      const [folder = '', name = ''] = file.split('/');
      const url = new URL(page.url);
      expect(detectHelpdesk(url).id).toBe(page.helpdesk);
      expect(readFixture(folder, name, page.url).helpdesk).toBe(page.helpdesk);
      if (name !== 'ticket.html') return;
      const template = fixtureDocument(folder, name).getElementById('next-ticket-template');
      expect(template?.getAttribute('data-path')).toBe(page.next?.slice(url.origin.length));
      expect(FIXTURE_PAGES.find((p) => p.url === page.next)?.file).toBe(`${folder}/ticket-2.html`);
    },
  );

  it('lists every fixture page', () => {
    const files = readdirSync(FIXTURE_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => readdirSync(join(FIXTURE_DIR, d.name)).map((f) => `${d.name}/${f}`));
    expect(FIXTURE_PAGES.map((p) => p.file).sort()).toEqual(files.sort());
  });

  it('asks for vendor hosts over https only, never all URLs', () => {
    expect(VENDOR_MATCHES.length).toBeGreaterThanOrEqual(7);
    for (const pattern of VENDOR_MATCHES) {
      expect(pattern).toMatch(/^https:\/\/[a-z0-9*.-]+\.[a-z]+\/[a-z/]*\*$/);
    }
    expect(VENDOR_MATCHES).not.toContain('<all_urls>');
  });
});

describe('detectHelpdesk', () => {
  it.each([
    ['https://acme.zendesk.com/agent/tickets/4711', 'zendesk'],
    ['https://acme.zendesk.com/agent/dashboard', 'zendesk'],
    ['https://acme.zendesk.com/hc/tr', 'generic'], // the customer help center is not the agent app
    ['https://acme.freshdesk.com/a/tickets/1532', 'freshdesk'],
    ['https://secure.helpscout.net/conversation/2650178093/1187', 'helpscout'],
    ['https://acme.gorgias.com/app/ticket/30126', 'gorgias'],
    ['https://app.eu.intercom.com/a/inbox/gu1e0q0t/inbox/conversation/42', 'intercom'],
    ['https://app-eu1.hubspot.com/contacts/4455667/record/0-1/51234', 'hubspot'],
    ['https://app.frontapp.com/open/cnv_5f3k2a9', 'front'],
    ['https://destek.example.test/talepler/5521', 'generic'],
    ['https://acme.zendesk.com.evil.example/agent/tickets/4711', 'generic'],
    ['http://acme.zendesk.com/agent/tickets/4711', 'generic'],
  ])('%s → %s', (url, id) => {
    expect(detectHelpdesk(new URL(url)).id).toBe(id);
  });
});
