/**
 * `POST /api/entry-points` (admin) — a named opt-in entry point with its code, wa.me link and asset
 * URLs; `GET /api/entry-points` (admin) — all of them with counts; and the assets, under /api with
 * the same token: `GET /api/entry-points/:id/qr.svg`, `/qr.png`, `/card?lang=tr|en` (printable HTML).
 * @module
 */
import { Hono } from 'hono';
import * as z from 'zod';
import { EntryPointInput } from '../../shared/schemas/entry-point';
import type { AppEnv } from '../core/app-env';
import { requireRole } from '../core/auth';
import { renderWording } from '../core/consent-ledger';
import { createEntryPoint, entryQrPng, entryQrSvg, entryWaMeLink, toEntryPoint } from '../core/entry-points';
import { getEntryPoint, listEntryPoints } from '../db/entry-points-repo';
import { getWording } from '../db/wordings-repo';
import type { Deps } from '../deps';
import { fail, validate } from '../errors';
import { cardPage, displayNumber } from '../public/card-page';

export const EntryPointIdParam = z.object({ id: z.string().min(1).max(100) });
/** `?lang=tr|en`: the language of the card and of the sentence the QR code prefills (default: the entry point's). */
export const AssetQuery = z.object({ lang: z.enum(['tr', 'en']).optional() });

export const entryPointsRoute = (deps: Deps) =>
  new Hono<AppEnv>()
    .use(requireRole('admin'))
    .post('/', validate('json', EntryPointInput), (c) => {
      const created = createEntryPoint(deps, c.var.agent.id, c.req.valid('json'));
      if (!created.ok) return fail(c, created.error.code, created.error.message, created.error.details);
      return c.json({ entryPoint: created.value }, 201);
    })
    .get('/', (c) => c.json({ entryPoints: listEntryPoints(deps.db).map((e) => toEntryPoint(deps, e)) }, 200))
    .get('/:id/qr.svg', validate('param', EntryPointIdParam), validate('query', AssetQuery), async (c) => {
      const e = getEntryPoint(deps.db, c.req.valid('param').id);
      if (!e) return fail(c, 'NOT_FOUND', 'No entry point has this id.');
      const svg = await entryQrSvg(entryWaMeLink(deps.config, e, c.req.valid('query').lang));
      return c.body(svg, 200, { 'Content-Type': 'image/svg+xml; charset=utf-8', 'Cache-Control': 'private, max-age=3600' });
    })
    .get('/:id/qr.png', validate('param', EntryPointIdParam), validate('query', AssetQuery), async (c) => {
      const e = getEntryPoint(deps.db, c.req.valid('param').id);
      if (!e) return fail(c, 'NOT_FOUND', 'No entry point has this id.');
      const png = await entryQrPng(entryWaMeLink(deps.config, e, c.req.valid('query').lang));
      return c.body(new Uint8Array(png), 200, { 'Content-Type': 'image/png', 'Cache-Control': 'private, max-age=3600' });
    })
    .get('/:id/card', validate('param', EntryPointIdParam), validate('query', AssetQuery), async (c) => {
      const e = getEntryPoint(deps.db, c.req.valid('param').id);
      if (!e) return fail(c, 'NOT_FOUND', 'No entry point has this id.');
      const language = c.req.valid('query').lang ?? e.language;
      const wording = getWording(deps.db, e.wordingIds[language]);
      const qr = await entryQrSvg(entryWaMeLink(deps.config, e, language));
      const html = cardPage({
        language,
        business: deps.config.businessName,
        businessNumber: displayNumber(deps.config.whatsapp.businessNumber),
        code: e.code,
        qrSvg: qr,
        topics: e.topics,
        wordingText: wording ? renderWording(wording, deps.config.businessName).text : '',
      });
      c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; frame-ancestors 'none'");
      c.header('X-Content-Type-Options', 'nosniff');
      return c.html(html, 200);
    });
