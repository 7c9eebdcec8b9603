import type { StateCreator } from 'zustand';
import type { Lang } from '../i18n/translate';
import type { PanelState } from './index';

export type PanelTab = 'message' | 'consent' | 'handoff' | 'insights' | 'templates';

export type UiSlice = {
  language: Lang;
  tab: PanelTab;
  languageSwitched: (language: Lang) => void;
  tabOpened: (tab: PanelTab) => void;
};

export const createUiSlice =
  (initialLanguage: Lang): StateCreator<PanelState, [], [], UiSlice> =>
  (set) => ({
    language: initialLanguage,
    tab: 'message',
    languageSwitched: (language) => set({ language }),
    tabOpened: (tab) => set({ tab }),
  });
