/**
 * WhatsApp's text formatting, rendered as React nodes (never as HTML, so customer-facing text
 * from templates or agents cannot inject markup): *bold*, _italic_, ~strikethrough~ and
 * ```monospace```. A marker only counts when it hugs the text (`*a b*`, not `* a *`) and
 * starts at a word boundary, as in WhatsApp.
 *
 * @module
 */
import type { ReactNode } from 'react';

const INLINE = /(^|[\s(\p{P}])([*_~])(?=\S)(.*?\S)\2(?=$|[\s)\p{P}])/u;
const MONO = /```([\s\S]+?)```/;

export function formatWhatsApp(text: string, keyPrefix = 'f'): ReactNode[] {
  const out: ReactNode[] = [];
  let rest = text;
  let n = 0;
  while (rest) {
    const mono = MONO.exec(rest);
    const inline = INLINE.exec(rest);
    const useMono = mono && (!inline || mono.index <= inline.index + inline[1]!.length);
    if (useMono && mono) {
      if (mono.index) out.push(...formatWhatsApp(rest.slice(0, mono.index), `${keyPrefix}${n++}`));
      out.push(<code key={`${keyPrefix}m${n++}`}>{mono[1]}</code>);
      rest = rest.slice(mono.index + mono[0].length);
      continue;
    }
    if (!inline) {
      out.push(rest);
      break;
    }
    const start = inline.index + inline[1]!.length;
    if (start) out.push(rest.slice(0, start));
    const inner = formatWhatsApp(inline[3]!, `${keyPrefix}${n}`);
    const key = `${keyPrefix}i${n++}`;
    const marker = inline[2];
    out.push(marker === '*' ? <strong key={key}>{inner}</strong> : marker === '_' ? <em key={key}>{inner}</em> : <s key={key}>{inner}</s>);
    rest = rest.slice(inline.index + inline[0].length);
  }
  return out;
}
