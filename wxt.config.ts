import { defineConfig } from 'wxt';

// The extension lives in extension/; WXT resolves publicDir from the root, so point it inside.
export default defineConfig({
  srcDir: 'extension',
  publicDir: 'extension/public',
  outDir: '.output',
  imports: false,
  modules: ['@wxt-dev/module-react'],
  manifestVersion: 3,
  browser: 'chrome',
  webExt: { disabled: true },
  manifest: {
    name: 'Köprü — WhatsApp for helpdesks',
    description: 'Send approved WhatsApp utility templates from the ticket you are reading, with consent you can prove.',
    permissions: ['sidePanel', 'storage'],
    action: { default_title: 'Open Köprü' },
  },
});
