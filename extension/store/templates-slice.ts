import type { StateCreator } from 'zustand';
import type { ApiTemplate } from '../../shared/schemas/api-template';
import type { ApiFailure } from '../lib/api-client';
import type { TemplatePrefs } from '../lib/storage-items';
import { RECENT_LIMIT } from '../lib/template-key';
import type { PanelState } from './index';

export type TemplatesSlice = {
  templates: ApiTemplate[];
  templatesState: 'idle' | 'loading' | 'ready' | 'failed';
  /** Where `templates` came from: the list saved at the last opening, or the server just now. */
  templatesSource: 'cache' | 'server' | null;
  templatesError: ApiFailure | null;
  query: string;
  /** Meta language code, or null for all. */
  languageFilter: string | null;
  topicFilter: string | null;
  /** `name:language` keys (see `templateKey`). */
  favourites: string[];
  recents: string[];
  prefsLoaded: boolean;
  /** Index into the visible list that ↑/↓ move and Enter picks. */
  highlighted: number;
  templatesRequested: () => void;
  templatesLoaded: (templates: ApiTemplate[]) => void;
  /** The list saved at the last opening; ignored once the server's list is in. */
  templatesCached: (templates: ApiTemplate[]) => void;
  templatesFailed: (error: ApiFailure) => void;
  searchTyped: (query: string) => void;
  languageFilterChosen: (language: string | null) => void;
  topicFilterChosen: (topic: string | null) => void;
  templatePrefsLoaded: (prefs: TemplatePrefs) => void;
  favouriteToggled: (key: string) => void;
  highlightMoved: (index: number) => void;
};

export const createTemplatesSlice: StateCreator<PanelState, [], [], TemplatesSlice> = (set) => ({
  templates: [],
  templatesState: 'idle',
  templatesSource: null,
  templatesError: null,
  query: '',
  languageFilter: null,
  topicFilter: null,
  favourites: [],
  recents: [],
  prefsLoaded: false,
  highlighted: 0,
  templatesRequested: () => set((s) => ({ templatesState: s.templates.length ? s.templatesState : 'loading', templatesError: null })),
  templatesLoaded: (templates) =>
    set((s) => {
      // Keep the open draft's template object in step with the server (paused, re-approved…).
      const current = s.template ? templates.find((t) => t.name === s.template!.name && t.language === s.template!.language) : undefined;
      return { templates, templatesState: 'ready', templatesSource: 'server', templatesError: null, ...(current ? { template: current } : {}) };
    }),
  templatesCached: (templates) =>
    set((s) => (s.templatesSource === 'server' ? {} : { templates, templatesSource: 'cache', templatesState: s.templatesState === 'failed' ? 'failed' : 'ready' })),
  templatesFailed: (error) => set({ templatesState: 'failed', templatesError: error }),
  searchTyped: (query) => set({ query, highlighted: 0 }),
  languageFilterChosen: (languageFilter) => set({ languageFilter, highlighted: 0 }),
  topicFilterChosen: (topicFilter) => set({ topicFilter, highlighted: 0 }),
  templatePrefsLoaded: (prefs) =>
    set((s) => ({
      favourites: prefs.favourites,
      // Recents picked before the prefs arrived stay first.
      recents: [...s.recents, ...prefs.recents.filter((k) => !s.recents.includes(k))].slice(0, RECENT_LIMIT),
      prefsLoaded: true,
    })),
  favouriteToggled: (key) =>
    set((s) => ({ favourites: s.favourites.includes(key) ? s.favourites.filter((k) => k !== key) : [...s.favourites, key] })),
  highlightMoved: (highlighted) => set({ highlighted: Math.max(0, highlighted) }),
});
