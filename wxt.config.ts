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
  hooks: {
    // The helpdesk hosts the content script already runs on (and already warns about at install)
    // are also granted as host permissions, so the panel can re-read a vendor tab that was opened
    // before Köprü was installed or updated (scripting.executeScript needs the host permission;
    // content-script matches alone are not enough). One source: the adapters' match patterns.
    'build:manifestGenerated': (_wxt, manifest) => {
      const matches = (manifest.content_scripts ?? []).flatMap((cs) => cs.matches ?? []);
      manifest.host_permissions = [...new Set(matches)];
    },
  },
  manifest: {
    // A fixed public key gives the unpacked extension a stable id (olheelohikadmnoihhjhfmpocdepfcbi)
    // wherever it is loaded from, so pairing links and KOPRU_ALLOWED_ORIGINS stay valid. The private
    // key is not needed to load unpacked; the Chrome Web Store assigns its own id on publication.
    key: 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAsNc+ArmKyql9BfFZVOhg4ir0hkK5+0IBapS2gsLEUT/WfgRV2rrip+xkupBrgH9gi7Pqq67zI08nncrGElXGKhD0/6NcJ56yj35SopB10VI0OqfrFP9mTrMyOhcSEcaa8qTctdwEg51uoR+NZiFl/TC1DyKvypmV8FxwLd8Mf0YVxTJLddcIMXHyWckZM1q+Jv8ITFvTQkhkGd5aeaDvTdv15Ld5MWSjKtBXNoY4T/9hLXh9OCgVZUdDbMdW9s0wffDeSD418pJdXRcCO9s9gu0fd21SCXsIOmUobP5eahqrsG1XLbrnB0Z4Rx1gI4y07kMPHSW6L3gG8wri1TzBJwIDAQAB',
    name: 'Köprü — WhatsApp for helpdesks',
    description: 'Send approved WhatsApp utility templates from the ticket you are reading, with consent you can prove.',
    // activeTab + scripting: on pages that are not a known helpdesk, the background injects the
    // ticket reader only when the agent asks from the panel — instead of an <all_urls> match.
    permissions: ['sidePanel', 'storage', 'activeTab', 'scripting'],
    action: { default_title: 'Open Köprü' },
  },
});
