/**
 * Turkish and English for every string the panel shows. `en` defines the keys; `tr` must have the
 * same ones (the type says so, and a unit test checks placeholders match).
 *
 * @module
 */
import { en, type MessageKey } from './en';
import { tr } from './tr';

export type Lang = 'tr' | 'en';
export type { MessageKey };

export const LANGUAGES: readonly Lang[] = ['tr', 'en'];

export const dictionaries: Record<Lang, Record<MessageKey, string>> = { en, tr };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** `navigator.language` → the panel's language: Turkish for any `tr*`, English otherwise. */
export function detectLanguage(browserLanguage: string | undefined): Lang {
  return browserLanguage?.toLowerCase().startsWith('tr') ? 'tr' : 'en';
}

/** `{name}` placeholders are filled from `params`; a missing one is left visible rather than hidden. */
export function translator(lang: Lang): Translate {
  const dict = dictionaries[lang];
  return (key, params) => {
    const text = dict[key] ?? en[key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : text;
  };
}

/** Locale for `Intl` formatting of what the agent reads. */
export const langLocale = (lang: Lang): string => (lang === 'tr' ? 'tr-TR' : 'en-GB');

/** Whether a dictionary key exists (codes from the server may be new to this build). */
export const hasKey = (key: string): key is MessageKey => Object.hasOwn(en, key);
