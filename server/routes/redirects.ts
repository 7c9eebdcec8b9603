/**
 * `GET /r/{code}` — a tracked URL button: counts the click and answers 302 to the business URL,
 * only when its host is in KOPRU_REDIRECT_HOSTS (checked again now, so this is never an open
 * redirect). HEAD requests (link checkers, previews) are answered without counting.
 * @module
 */
import { Hono, type Context } from 'hono';
import { followLink } from '../core/click-tracking';
import type { Language } from '../core/keywords';
import type { Deps } from '../deps';
import { publicHeaders } from '../public/html';
import { noticePage } from '../public/optin-page';
import { pickLanguage } from '../public/page-text';

const GONE: Record<Language, { title: string; message: string }> = {
  tr: { title: 'Bağlantı bulunamadı', message: 'Bu bağlantı artık kullanılmıyor. Yardım için bize WhatsApp\'tan yazabilirsiniz.' },
  en: { title: 'Link not found', message: 'This link is no longer in use. Write to us on WhatsApp if you need help.' },
};

export const redirectsRoute = (deps: Deps) =>
  new Hono().get('/:code', (c: Context) => {
    const result = followLink(deps, c.req.param('code') ?? '', { count: c.req.method === 'GET' });
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    if (result.ok) return c.redirect(result.location, 302);
    if (result.reason === 'not_allowed') deps.log.warn('tracked link not followed: its host is not in KOPRU_REDIRECT_HOSTS', { code: c.req.param('code') });
    const language = pickLanguage(c.req.query('lang'), c.req.header('accept-language'), deps.config.defaultRegion === 'TR' ? 'tr' : 'en');
    publicHeaders(c);
    const g = GONE[language];
    return c.html(noticePage({ language, business: deps.config.businessName, title: g.title, message: g.message }), 404);
  });
