/**
 * The public double opt-in page (`/optin/{slug}`): the business, the exact consent wording next to
 * an unticked box, the number, the topic choices — and the pages that follow a submission. Plain
 * HTML forms, no scripts: works in an in-app browser, with a screen reader and inside an iframe.
 * @module
 */
import type { ConsentTopic } from '../../shared/schemas/consent';
import { TOPIC_LABELS } from '../core/customer-texts';
import type { Language } from '../core/keywords';
import { html, page, raw, type Raw } from './html';
import { TEXT } from './page-text';

export type OptinFormErrors = { consent?: boolean; topics?: boolean; phone?: string };

export type OptinFormView = {
  language: Language;
  business: string;
  slug: string;
  topics: readonly ConsentTopic[];
  wordingText: string;
  token: string;
  embed: boolean;
  values?: { phone?: string; name?: string; topics?: readonly ConsentTopic[] };
  errors?: OptinFormErrors;
};

const pagePath = (slug: string, embed: boolean, lang?: Language) => {
  const q = [embed ? 'embed=1' : '', lang ? `lang=${lang}` : ''].filter(Boolean).join('&');
  return `/optin/${encodeURIComponent(slug)}${q ? `?${q}` : ''}`;
};

function languageSwitch(language: Language, slug: string, embed: boolean): Raw {
  const other: Language = language === 'tr' ? 'en' : 'tr';
  return html`<p class="lang"><a href="${pagePath(slug, embed, other)}" lang="${other}" hreflang="${other}">${TEXT[language].switchTo}</a></p>`;
}

export function optinFormPage(v: OptinFormView): string {
  const t = TEXT[v.language];
  const errors = v.errors ?? {};
  const chosen = v.values?.topics ?? v.topics;
  const list: string[] = [];
  if (errors.phone) list.push(`${t.phoneInvalid} ${errors.phone}`);
  if (errors.topics) list.push(t.topicsRequired);
  if (errors.consent) list.push(t.consentRequired);
  const body = html`
${languageSwitch(v.language, v.slug, v.embed)}
<div class="card">
  <p class="business">${v.business}</p>
  <h1>${t.optinHeading(v.business)}</h1>
  <p>${t.optinIntro}</p>
  ${list.length ? html`<div class="alert" role="alert" id="form-errors"><p><strong>${t.errorsTitle}</strong></p><ul>${list.map((e) => html`<li>${e}</li>`)}</ul></div>` : ''}
  <form method="post" action="${pagePath(v.slug, v.embed)}" novalidate>
    <input type="hidden" name="token" value="${v.token}">
    <input type="hidden" name="lang" value="${v.language}">
    <label for="phone">${t.phoneLabel}</label>
    <span class="hint" id="phone-hint">${t.phoneHint}</span>
    <input type="tel" id="phone" name="phone" autocomplete="tel" inputmode="tel" required maxlength="40"
      aria-describedby="phone-hint${errors.phone ? ' phone-error' : ''}"${errors.phone ? raw(' aria-invalid="true"') : ''} value="${v.values?.phone ?? ''}">
    ${errors.phone ? html`<p class="error" id="phone-error">${t.phoneInvalid}</p>` : ''}
    <label for="name">${t.nameLabel} <span class="hint" style="display:inline">${t.optional}</span></label>
    <input type="text" id="name" name="name" autocomplete="given-name" maxlength="60" value="${v.values?.name ?? ''}">
    <div class="hp" aria-hidden="true">
      <label for="website">${t.honeypot}</label>
      <input type="text" id="website" name="website" tabindex="-1" autocomplete="off">
    </div>
    <fieldset${errors.topics ? raw(' aria-describedby="topics-error"') : ''}>
      <legend>${t.topicsLegend}</legend>
      ${v.topics.map(
        (topic) => html`<label class="check"><input type="checkbox" name="topics" value="${topic}"${chosen.includes(topic) ? raw(' checked') : ''}> <span>${capitalise(TOPIC_LABELS[v.language][topic])}</span></label>`,
      )}
      ${errors.topics ? html`<p class="error" id="topics-error">${t.topicsRequired}</p>` : ''}
    </fieldset>
    <fieldset class="consent"${errors.consent ? raw(' aria-describedby="consent-error"') : ''}>
      <legend>${t.consentLegend}</legend>
      <label class="check"><input type="checkbox" id="consent" name="consent" value="yes" required${errors.consent ? raw(' aria-invalid="true"') : ''}> <span>${v.wordingText}</span></label>
      ${errors.consent ? html`<p class="error" id="consent-error">${t.consentRequired}</p>` : ''}
    </fieldset>
    <button type="submit">${t.submit}</button>
    <p class="muted">${t.privacy}</p>
  </form>
</div>`;
  return page({ language: v.language, title: `${t.optinTitle} · ${v.business}`, body, embed: v.embed });
}

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase('tr') + s.slice(1);

/** After a submission — the same page whatever the number's state (no enumeration). */
export function optinSentPage(v: { language: Language; business: string; phone: string; fallbackLink: string | null; slug: string; embed: boolean }): string {
  const t = TEXT[v.language];
  const body = html`
<div class="card" role="status">
  <p class="business">${v.business}</p>
  <h1>${t.sentHeading}</h1>
  <p class="ok">${t.sentBody(v.phone, v.business)}</p>
  ${v.fallbackLink ? html`<p class="muted">${t.sentFallback} <a href="${v.fallbackLink}" target="_blank" rel="noopener">${t.sentFallbackLink}</a></p>` : ''}
</div>`;
  return page({ language: v.language, title: `${t.sentHeading} · ${v.business}`, body, embed: v.embed });
}

/** A short notice (expired form, too many attempts, not found), with a way back when there is one. */
export function noticePage(v: { language: Language; business: string; title: string; message: string; back?: { href: string; label: string }; embed?: boolean }): string {
  const body = html`
<div class="card" role="alert">
  <p class="business">${v.business}</p>
  <h1>${v.title}</h1>
  <p>${v.message}</p>
  ${v.back ? html`<p><a href="${v.back.href}">${v.back.label}</a></p>` : ''}
</div>`;
  return page({ language: v.language, title: `${v.title} · ${v.business}`, body, ...(v.embed ? { embed: true } : {}) });
}

export { pagePath as optinPath, capitalise };
