/**
 * Server-rendered HTML for the customer-facing pages: an escaping template tag, the page shell with
 * its self-contained CSS (mobile first, no scripts, no external requests), and the security headers
 * every public page carries.
 * @module
 */
import type { Context } from 'hono';
import type { Language } from '../core/keywords';

/** Marks a string as already-safe HTML. */
export class Raw {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}
export const raw = (html: string) => new Raw(html);

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

type Value = string | number | Raw | null | undefined | false | Value[];

const render = (v: Value): string => {
  if (v === null || v === undefined || v === false) return '';
  if (Array.isArray(v)) return v.map(render).join('');
  if (v instanceof Raw) return v.html;
  return escapeHtml(String(v));
};

/** `html\`<p>${text}</p>\`` escapes every interpolation unless it is `raw()` or another `html` result. */
export function html(strings: TemplateStringsArray, ...values: Value[]): Raw {
  let out = strings[0]!;
  values.forEach((v, i) => (out += render(v) + strings[i + 1]!));
  return new Raw(out);
}

const CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1b1f23;background:#f4f6f5}
main{max-width:34rem;margin:0 auto;padding:1.25rem 1rem 2.5rem}
.embed main{padding:.75rem}
.card{background:#fff;border:1px solid #d5dbd8;border-radius:12px;padding:1.25rem}
h1{font-size:1.4rem;line-height:1.25;margin:0 0 .5rem}
h2{font-size:1.05rem;margin:1.25rem 0 .5rem}
p{margin:.5rem 0}
.business{font-weight:600;color:#0b6b45;margin:0 0 .25rem;font-size:.95rem}
.muted{color:#4a5550;font-size:.92rem}
label{font-weight:600;display:block;margin:1rem 0 .3rem}
input[type=tel],input[type=text]{width:100%;font:inherit;padding:.7rem .75rem;border:1.5px solid #88938e;border-radius:8px;background:#fff;color:inherit}
input[type=tel]:focus,input[type=text]:focus{outline:3px solid #1f8f5f;outline-offset:1px;border-color:#1f8f5f}
fieldset{border:0;padding:0;margin:1rem 0 0}
legend{font-weight:600;padding:0;margin-bottom:.3rem}
.check{display:flex;gap:.6rem;align-items:flex-start;margin:.45rem 0;font-weight:400}
.check input{width:1.35rem;height:1.35rem;margin:.15rem 0 0;flex:none;accent-color:#1f8f5f}
.check input:focus-visible{outline:3px solid #1f8f5f;outline-offset:2px}
.consent{border:1.5px solid #88938e;border-radius:8px;padding:.75rem;margin-top:1.25rem;background:#fbfcfb}
.hint{font-weight:400;color:#4a5550;font-size:.88rem;display:block}
.error{color:#a4161a;font-weight:600;margin:.35rem 0 0}
.alert{border-left:4px solid #a4161a;background:#fdf0f0;padding:.6rem .8rem;border-radius:4px;margin:.75rem 0}
.ok{border-left:4px solid #1f8f5f;background:#eef8f2;padding:.6rem .8rem;border-radius:4px;margin:.75rem 0}
button{font:inherit;font-weight:600;display:block;width:100%;margin-top:1.25rem;padding:.8rem 1rem;border-radius:8px;border:2px solid #16704a;background:#1f8f5f;color:#fff;cursor:pointer;min-height:48px}
button:focus-visible{outline:3px solid #0b3d27;outline-offset:2px}
button.secondary{background:#fff;color:#a4161a;border-color:#a4161a}
.hp{position:absolute!important;left:-10000px;width:1px;height:1px;overflow:hidden}
.lang{text-align:right;font-size:.9rem;margin:0 0 .5rem}
a{color:#0b5c3b}
a:focus-visible{outline:3px solid #1f8f5f;outline-offset:2px}
.code{font:600 1.15rem ui-monospace,Menlo,Consolas,monospace;letter-spacing:.05em}
@media (min-width:40rem){main{padding-top:2.5rem}h1{font-size:1.6rem}}
`;

export function page(p: { language: Language; title: string; body: Raw; embed?: boolean; extraCss?: string }): string {
  return `<!doctype html>
<html lang="${p.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(p.title)}</title>
<style>${CSS}${p.extraCss ?? ''}</style>
</head>
<body${p.embed ? ' class="embed"' : ''}>
<main>
${p.body.html}
</main>
</body>
</html>`;
}

/**
 * Headers for a public page. `frameAncestors` is set only on the opt-in page (its embed snippet);
 * every other page refuses to be framed.
 */
export function publicHeaders(c: Context, opts: { frameAncestors?: string } = {}): void {
  const frame = opts.frameAncestors ?? "'none'";
  c.header('Content-Security-Policy', `default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors ${frame}`);
  if (!opts.frameAncestors) c.header('X-Frame-Options', 'DENY');
  c.header('X-Content-Type-Options', 'nosniff');
  // same-origin, not no-referrer: with no-referrer browsers send `Origin: null` on our own form posts.
  c.header('Referrer-Policy', 'same-origin');
  c.header('Cache-Control', 'no-store');
  c.header('X-Robots-Tag', 'noindex');
}
