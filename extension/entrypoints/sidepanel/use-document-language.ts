import { useEffect } from 'react';
import { useT } from '../../i18n/use-t';
import { usePanelStore } from '../../store';

/** `<html lang>` and the title follow the panel's language (screen readers pronounce accordingly). */
export function useDocumentLanguage() {
  const language = usePanelStore((s) => s.language);
  const t = useT();
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('app.title');
  }, [language, t]);
}
