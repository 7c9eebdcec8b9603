import { useMemo } from 'react';
import { usePanelStore } from '../store';
import { translator, type Translate } from './translate';

/** The translate function for the panel's current language (re-renders when it is switched). */
export function useT(): Translate {
  const language = usePanelStore((s) => s.language);
  return useMemo(() => translator(language), [language]);
}
