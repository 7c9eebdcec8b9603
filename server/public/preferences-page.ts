/**
 * The preference centre page (`/preferences/{token}`): every topic as a checkbox (ticked = the
 * customer gets it now), "save", and a separate "stop all messages".
 * @module
 */
import { ConsentTopic } from '../../shared/schemas/consent';
import { TOPIC_LABELS, topicList } from '../core/customer-texts';
import type { Language } from '../core/keywords';
import { html, page, raw } from './html';
import { capitalise } from './optin-page';
import { TEXT } from './page-text';

export type PreferencesView = {
  language: Language;
  business: string;
  token: string;
  formToken: string;
  maskedPhone: string;
  topics: readonly ConsentTopic[];
  optedIn: boolean;
};

const path = (token: string, lang?: Language) => `/preferences/${encodeURIComponent(token)}${lang ? `?lang=${lang}` : ''}`;

export function preferencesPage(v: PreferencesView): string {
  const t = TEXT[v.language];
  const other: Language = v.language === 'tr' ? 'en' : 'tr';
  const body = html`
<p class="lang"><a href="${path(v.token, other)}" lang="${other}" hreflang="${other}">${t.switchTo}</a></p>
<div class="card">
  <p class="business">${v.business}</p>
  <h1>${t.prefsHeading}</h1>
  <p>${t.prefsIntro(v.business, v.maskedPhone)}</p>
  ${v.optedIn ? '' : html`<p class="alert">${t.prefsNowOff}</p>`}
  <form method="post" action="${path(v.token)}">
    <input type="hidden" name="form" value="${v.formToken}">
    <input type="hidden" name="lang" value="${v.language}">
    <fieldset>
      <legend>${t.prefsLegend}</legend>
      ${ConsentTopic.options.map(
        (topic) =>
          html`<label class="check"><input type="checkbox" name="topics" value="${topic}"${v.optedIn && v.topics.includes(topic) ? raw(' checked') : ''}> <span>${capitalise(TOPIC_LABELS[v.language][topic])}</span></label>`,
      )}
    </fieldset>
    <button type="submit" name="action" value="save">${t.prefsSave}</button>
    <p class="muted" style="margin-top:1.5rem">${t.prefsStopHint}</p>
    <button type="submit" name="action" value="stop_all" class="secondary" style="margin-top:.5rem">${t.prefsStopAll}</button>
  </form>
</div>`;
  return page({ language: v.language, title: `${t.prefsTitle} · ${v.business}`, body });
}

export function preferencesSavedPage(v: { language: Language; business: string; token: string; changed: boolean; optedIn: boolean; topics: readonly ConsentTopic[] }): string {
  const t = TEXT[v.language];
  const summary = v.optedIn && v.topics.length ? `${t.prefsYouGet} ${topicList(v.topics, v.language)}.` : t.prefsStopped;
  const body = html`
<div class="card" role="status">
  <p class="business">${v.business}</p>
  <h1>${v.changed ? t.prefsSaved : t.prefsNoChange}</h1>
  <p class="ok">${summary}</p>
  <p><a href="${path(v.token, v.language)}">${t.prefsAgain}</a></p>
</div>`;
  return page({ language: v.language, title: `${t.prefsTitle} · ${v.business}`, body });
}
