/**
 * `GET/POST /optin/{slug}` — the public double opt-in page of a web entry point (no login).
 *
 * A POST goes through, in order: the entry point exists → the post comes from our page (Origin) →
 * the client is under its rate limit (429) → the signed form token is valid and unused (403) → the
 * honeypot is empty (else the normal "check your WhatsApp" page, and nothing happens) → the box is
 * ticked, a topic chosen and the number valid (422, the form again) → `submitWebOptin`. The answer
 * to a valid submission is the same page whatever the number's state, so the page cannot be used
 * to learn who is subscribed.
 * @module
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ConsentTopic } from '../../shared/schemas/consent';
import { isWebSource } from '../../shared/schemas/entry-point';
import { parsePhone } from '../../shared/phone/parse-phone';
import { renderWording } from '../core/consent-ledger';
import type { Language } from '../core/keywords';
import { FORM_RATE, submitWebOptin, takeRate } from '../core/public-optin';
import { businessChatLink } from '../core/qr';
import { countPageView, getEntryPointBySlug, type EntryPointRow } from '../db/entry-points-repo';
import { getWording } from '../db/wordings-repo';
import type { Deps } from '../deps';
import { publicHeaders } from '../public/html';
import { noticePage, optinFormPage, optinPath, optinSentPage, type OptinFormErrors } from '../public/optin-page';
import { pickLanguage, TEXT } from '../public/page-text';
import { checkFormToken, clientKey, field, fieldList, formFields, fromOwnOrigin, issueFormToken, spendFormToken } from '../public/request-guards';

const FORM_PURPOSE = 'optin-form';

/** Who may frame the page: the entry point's listed origins, else any https site (the embed snippet). */
const frameAncestors = (e: EntryPointRow) => `'self' ${e.embedOrigins?.length ? e.embedOrigins.join(' ') : 'https:'}`;

export const publicOptinRoute = (deps: Deps) => {
  const { config } = deps;
  const fallbackLanguage: Language = config.defaultRegion === 'TR' ? 'tr' : 'en';
  const languageOf = (c: Context, form?: string) => pickLanguage(form || c.req.query('lang'), c.req.header('accept-language'), fallbackLanguage);
  const embedOf = (c: Context) => c.req.query('embed') === '1';

  const notice = (c: Context, e: EntryPointRow | null, language: Language, status: 403 | 404 | 429, message: string) => {
    publicHeaders(c, e ? { frameAncestors: frameAncestors(e) } : {});
    const t = TEXT[language];
    const back = e && status !== 404 ? { href: optinPath(e.slug, embedOf(c), language), label: t.reload } : undefined;
    return c.html(noticePage({ language, business: config.businessName, title: t.optinTitle, message, ...(back ? { back } : {}), embed: embedOf(c) }), status);
  };

  const form = (c: Context, e: EntryPointRow, language: Language, status: 200 | 422, extra: { values?: { phone?: string; name?: string; topics?: ConsentTopic[] }; errors?: OptinFormErrors } = {}) => {
    const wording = getWording(deps.db, e.wordingIds[language]);
    publicHeaders(c, { frameAncestors: frameAncestors(e) });
    return c.html(
      optinFormPage({
        language,
        business: config.businessName,
        slug: e.slug,
        topics: e.topics,
        wordingText: wording ? renderWording(wording, config.businessName).text : '',
        token: issueFormToken(deps, FORM_PURPOSE, e.slug),
        embed: embedOf(c),
        ...extra,
      }),
      status,
    );
  };

  const findWeb = (slug: string) => {
    const e = getEntryPointBySlug(deps.db, slug);
    return e && isWebSource(e.source) ? e : null;
  };

  return new Hono()
    .get('/:slug', (c) => {
      const language = languageOf(c);
      const e = findWeb(c.req.param('slug'));
      if (!e) return notice(c, null, language, 404, TEXT[language].notFound);
      countPageView(deps.db, e.id);
      return form(c, e, language, 200);
    })
    .post('/:slug', bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.text('Payload too large', 413) }), async (c) => {
      const e = findWeb(c.req.param('slug'));
      const fields = e ? await formFields(c) : {};
      const language = languageOf(c, field(fields, 'lang'));
      const t = TEXT[language];
      if (!e) return notice(c, null, language, 404, t.notFound);
      if (!fromOwnOrigin(c, config)) return notice(c, e, language, 403, t.expiredForm);

      const client = clientKey(deps, c);
      const rate = takeRate(deps.db, `optin-ip:${client}`, deps.clock.now(), FORM_RATE);
      if (!rate.ok) {
        c.header('Retry-After', String(Math.max(1, Math.ceil(rate.retryAfterMs / 1000))));
        return notice(c, e, language, 429, t.tooMany);
      }
      const token = checkFormToken(deps, FORM_PURPOSE, e.slug, field(fields, 'token'));
      if (!token.ok) return notice(c, e, language, 403, t.expiredForm);

      const phoneText = field(fields, 'phone').trim().slice(0, 40);
      const sent = (phone: string) => {
        publicHeaders(c, { frameAncestors: frameAncestors(e) });
        // Without a configured business number there is no chat link to offer (the rest still works).
        const fallbackLink = config.whatsapp.businessNumber.replace(/\D/g, '') ? businessChatLink(config, language === 'tr' ? 'BAŞLA' : 'START') : null;
        return c.html(optinSentPage({ language, business: config.businessName, phone, fallbackLink, slug: e.slug, embed: embedOf(c) }), 200);
      };

      // A bot filled the field people cannot see: answer as if it worked, do nothing.
      if (field(fields, 'website').trim() !== '') {
        spendFormToken(deps, token);
        deps.log.info('public opt-in: honeypot filled, ignored', { entryPointId: e.id });
        const parsed = parsePhone(phoneText, config.defaultRegion);
        return sent(parsed.ok ? parsed.e164 : phoneText);
      }

      const name = field(fields, 'name').trim().replace(/\s+/g, ' ').slice(0, 60);
      const topics = ConsentTopic.options.filter((x) => fieldList(fields, 'topics').includes(x) && e.topics.includes(x));
      const parsed = parsePhone(phoneText, config.defaultRegion);
      const errors: OptinFormErrors = {
        ...(field(fields, 'consent') === 'yes' ? {} : { consent: true }),
        ...(topics.length ? {} : { topics: true }),
        ...(parsed.ok ? {} : { phone: parsed.problem.message }),
      };
      if (Object.keys(errors).length || !parsed.ok) {
        return form(c, e, language, 422, { values: { phone: phoneText, name, topics }, errors });
      }
      if (!spendFormToken(deps, token)) return notice(c, e, language, 403, t.expiredForm);

      await submitWebOptin(deps, {
        entryPoint: e,
        phone: parsed.e164,
        name: name || null,
        topics,
        language,
        ipHash: client,
        userAgent: (c.req.header('user-agent') ?? '').slice(0, 300) || null,
      });
      return sent(parsed.e164);
    });
};

