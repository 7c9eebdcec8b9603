/**
 * The printable card of an entry point (counter, packaging insert, event stand): the business, the
 * QR code, the keyword code for those who type it, what the customer agrees to and how to stop.
 * Sized for A6 when printed; readable on screen too.
 * @module
 */
import type { ConsentTopic } from '../../shared/schemas/consent';
import { topicList } from '../core/customer-texts';
import type { Language } from '../core/keywords';
import { html, page, raw } from './html';
import { TEXT } from './page-text';

const PRINT_CSS = `
.qr{display:block;width:min(60vw,15rem);margin:1rem auto}
.qr svg{width:100%;height:auto;display:block}
.center{text-align:center}
.agree{font-size:.85rem;color:#333;border-top:1px solid #d5dbd8;padding-top:.6rem;margin-top:1rem}
@page{size:A6;margin:8mm}
@media print{body{background:#fff}main{padding:0;max-width:none}.card{border:0;padding:0}}
`;

export function cardPage(v: {
  language: Language;
  business: string;
  businessNumber: string;
  code: string;
  qrSvg: string;
  topics: readonly ConsentTopic[];
  wordingText: string;
}): string {
  const t = TEXT[v.language];
  const body = html`
<div class="card">
  <p class="business center">${v.business}</p>
  <h1 class="center">${t.cardHeading}</h1>
  <div class="qr" role="img" aria-label="QR">${raw(v.qrSvg)}</div>
  <p class="center">${t.cardScan}</p>
  <p class="center muted">${t.cardOrCode(v.businessNumber)}</p>
  <p class="center code">${v.code}</p>
  <p><strong>${t.cardTopics}</strong> ${topicList(v.topics, v.language)}.</p>
  <p>${t.cardStop}</p>
  <p class="agree">${t.cardAgree} ${v.wordingText}</p>
</div>`;
  return page({ language: v.language, title: `${t.cardHeading} · ${v.business}`, body, extraCss: PRINT_CSS });
}

/** 908505551234 → "+90 850 555 12 34" (Turkish grouping), other numbers as +digits. */
export function displayNumber(digits: string): string {
  const d = digits.replace(/\D/g, '');
  if (d.startsWith('90') && d.length === 12) return `+90 ${d.slice(2, 5)} ${d.slice(5, 8)} ${d.slice(8, 10)} ${d.slice(10)}`;
  return `+${d}`;
}
