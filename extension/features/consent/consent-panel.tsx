import { useState } from 'react';
import type { Lang } from '../../i18n/translate';
import { usePanelStore } from '../../store';
import { ConsentHistory } from './consent-history';
import { OptinForm } from './optin-form';
import { OptinQr } from './optin-qr';
import { OptoutForm } from './optout-form';
import { useConsentWordings } from './use-consent-wordings';
import './consent.css';

/** Capturing consent: in person or by phone, by QR code at the counter, opt-out, and the ledger. */
export function ConsentPanel() {
  useConsentWordings();
  const panelLanguage = usePanelStore((s) => s.language);
  const [wordingLanguage, setWordingLanguage] = useState<Lang>(panelLanguage);
  return (
    <div className="consent-panel stack">
      <OptinForm wordingLanguage={wordingLanguage} onWordingLanguage={setWordingLanguage} />
      <hr />
      <OptinQr wordingLanguage={wordingLanguage} />
      <hr />
      <OptoutForm />
      <hr />
      <ConsentHistory />
    </div>
  );
}
