/**
 * `GET/POST /preferences/{token}` — the customer's preference centre (no login: the signed,
 * expiring token is the key). A POST needs our own origin, the client under its rate limit, and the
 * page's signed single-use form token (bound to this link); the change becomes one ledger record
 * with method `preference_center` (see core/preference-center).
 * @module
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ConsentTopic } from '../../shared/schemas/consent';
import { consentState, publishConsentChanged } from '../core/consent-ledger';
import type { Language } from '../core/keywords';
import { applyPreferenceChange, readPreferenceToken, type PreferenceChange } from '../core/preference-center';
import { FORM_RATE, takeRate } from '../core/public-optin';
import type { Deps } from '../deps';
import { publicHeaders } from '../public/html';
import { noticePage } from '../public/optin-page';
import { maskPhone, pickLanguage, TEXT } from '../public/page-text';
import { preferencesPage, preferencesSavedPage } from '../public/preferences-page';
import { checkFormToken, clientKey, field, fieldList, formFields, fromOwnOrigin, issueFormToken, spendFormToken } from '../public/request-guards';

const FORM_PURPOSE = 'preferences-form';

export const preferencesRoute = (deps: Deps) => {
  const { config } = deps;
  const fallbackLanguage: Language = config.defaultRegion === 'TR' ? 'tr' : 'en';
  const languageOf = (c: Context, form?: string) => pickLanguage(form || c.req.query('lang'), c.req.header('accept-language'), fallbackLanguage);

  const notice = (c: Context, language: Language, status: 403 | 404 | 410 | 429, message: string, back?: string) => {
    publicHeaders(c);
    const t = TEXT[language];
    return c.html(noticePage({ language, business: config.businessName, title: t.prefsTitle, message, ...(back ? { back: { href: back, label: t.prefsAgain } } : {}) }), status);
  };

  const expiredOrInvalid = (c: Context, language: Language, reason: 'invalid' | 'expired') =>
    notice(c, language, reason === 'expired' ? 410 : 404, TEXT[language].prefsExpired);

  return new Hono()
    .get('/:token', (c) => {
      const language = languageOf(c);
      const token = c.req.param('token');
      const link = readPreferenceToken(deps, token);
      if (!link.ok) return expiredOrInvalid(c, language, link.reason);
      const state = consentState(deps.db, link.phone, { historyLimit: 0 });
      publicHeaders(c);
      return c.html(
        preferencesPage({
          language,
          business: config.businessName,
          token,
          formToken: issueFormToken(deps, FORM_PURPOSE, link.nonce),
          maskedPhone: maskPhone(link.phone),
          topics: state.topics,
          optedIn: state.status === 'opted_in',
        }),
        200,
      );
    })
    .post('/:token', bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.text('Payload too large', 413) }), async (c) => {
      const fields = await formFields(c);
      const language = languageOf(c, field(fields, 'lang'));
      const t = TEXT[language];
      const token = c.req.param('token');
      const link = readPreferenceToken(deps, token);
      if (!link.ok) return expiredOrInvalid(c, language, link.reason);
      const back = `/preferences/${encodeURIComponent(token)}?lang=${language}`;
      if (!fromOwnOrigin(c, config)) return notice(c, language, 403, t.expiredForm, back);
      const client = clientKey(deps, c);
      const rate = takeRate(deps.db, `prefs-ip:${client}`, deps.clock.now(), FORM_RATE);
      if (!rate.ok) {
        c.header('Retry-After', String(Math.max(1, Math.ceil(rate.retryAfterMs / 1000))));
        return notice(c, language, 429, t.tooMany);
      }
      const check = checkFormToken(deps, FORM_PURPOSE, link.nonce, field(fields, 'form'));
      if (!check.ok || !spendFormToken(deps, check)) return notice(c, language, 403, t.expiredForm, back);

      const change: PreferenceChange =
        field(fields, 'action') === 'stop_all'
          ? { kind: 'stop_all' }
          : { kind: 'topics', topics: ConsentTopic.options.filter((x) => fieldList(fields, 'topics').includes(x)) };
      const record = applyPreferenceChange(deps, {
        phone: link.phone,
        change,
        language,
        via: { channel: 'preference_link', linkNonce: link.nonce, linkExpiresAt: link.expiresAt, clientHash: client, action: change.kind },
      });
      if (record) publishConsentChanged(deps, record);
      const after = consentState(deps.db, link.phone, { historyLimit: 0 });
      publicHeaders(c);
      return c.html(
        preferencesSavedPage({ language, business: config.businessName, token, changed: record !== null, optedIn: after.status === 'opted_in', topics: after.topics }),
        200,
      );
    });
};
