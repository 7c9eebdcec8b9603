/**
 * The template locale codes Meta accepts (reference §2.8: "~70; full list in pywa
 * `TemplateLanguage`"), plus the regional variants Meta's supported-languages page added later.
 * `en` and `en_US` are different templates, so the exact code matters.
 *
 * The base list is the one every SDK agrees on; the regional list may lag Meta's page, which is
 * why an unlisted region of a known language is only a warning (see `lint-structure.ts`).
 *
 * @module
 */

export const META_LANGUAGES: ReadonlySet<string> = new Set([
  'af', 'sq', 'ar', 'az', 'bn', 'bg', 'ca', 'zh_CN', 'zh_HK', 'zh_TW', 'hr', 'cs', 'da', 'nl', 'en',
  'en_GB', 'en_US', 'et', 'fil', 'fi', 'fr', 'ka', 'de', 'el', 'gu', 'ha', 'he', 'hi', 'hu', 'id', 'ga',
  'it', 'ja', 'kn', 'kk', 'rw_RW', 'ko', 'ky_KG', 'lo', 'lv', 'lt', 'mk', 'ms', 'ml', 'mr', 'nb', 'fa',
  'pl', 'pt_BR', 'pt_PT', 'pa', 'ro', 'ru', 'sr', 'sk', 'sl', 'es', 'es_AR', 'es_ES', 'es_MX', 'sw',
  'sv', 'ta', 'te', 'th', 'tr', 'uk', 'ur', 'uz', 'vi', 'zu',
]);

/** Regional variants Meta lists in addition to the base set. */
export const META_REGIONAL_LANGUAGES: ReadonlySet<string> = new Set([
  'ar_AE', 'ar_EG', 'ar_LB', 'ar_MA', 'ar_QA', 'be_BY', 'bn_IN', 'de_AT', 'de_CH', 'en_AE', 'en_AU',
  'en_CA', 'en_GH', 'en_IE', 'en_IN', 'en_JM', 'en_MY', 'en_NZ', 'en_QA', 'en_SG', 'en_UG', 'en_ZA',
  'es_CL', 'es_CO', 'es_CR', 'es_DO', 'es_EC', 'es_HN', 'es_PA', 'es_PE', 'es_UY', 'fr_BE', 'fr_CA',
  'fr_CH', 'fr_CI', 'fr_MA', 'nl_BE', 'prs_AF', 'ps_AF', 'si_LK',
]);

export type LanguageVerdict = 'known' | 'unknown-region' | 'unknown';

/** `tr`, `en_US` → known; `tr_CY` → unknown-region (Turkish is known); `xx` → unknown. */
export function metaLanguageVerdict(code: string): LanguageVerdict {
  const normalised = code.replace('-', '_');
  if (META_LANGUAGES.has(normalised) || META_REGIONAL_LANGUAGES.has(normalised)) return 'known';
  const base = normalised.split('_')[0] as string;
  const knownBase = [...META_LANGUAGES, ...META_REGIONAL_LANGUAGES].some((known) => known.split('_')[0] === base);
  return knownBase ? 'unknown-region' : 'unknown';
}
