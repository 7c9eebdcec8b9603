/**
 * `GET /sandbox/phone/{waId}`: a self-contained page that looks like that customer's WhatsApp chat
 * (outbound green, inbound white, header/media placeholder, footer, buttons, ticks), with a reply
 * box and clickable quick replies. The bubbles are rendered here on the server; the page polls
 * `…/bubbles` every second and swaps them in, so there is one renderer.
 *
 * @module
 */
import { Hono } from 'hono';
import type { SandboxContext } from './context';
import { phoneMessages } from './customers-routes';
import type { RenderedButton, RenderedHeader, RenderedTemplate } from './store/messages-store';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const TICKS: Record<string, string> = {
  accepted: '<span class="tick" title="accepted">🕓</span>',
  sent: '<span class="tick" title="sent">✓</span>',
  delivered: '<span class="tick" title="delivered">✓✓</span>',
  read: '<span class="tick read" title="read">✓✓</span>',
};

function headerHtml(h: RenderedHeader): string {
  if (h.type === 'text') return `<div class="hdr" data-testid="bubble-header">${esc(h.text)}</div>`;
  if (h.type === 'location') return `<div class="media" data-testid="bubble-header">📍 ${esc(h.name ?? `${h.latitude}, ${h.longitude}`)}</div>`;
  const icon = h.type === 'image' ? '🖼' : h.type === 'video' ? '🎬' : '📄';
  const label = h.filename ?? h.link ?? h.id ?? h.type;
  return `<div class="media" data-testid="bubble-header">${icon} ${esc(h.type.toUpperCase())}<small>${esc(label)}</small></div>`;
}

function buttonHtml(b: RenderedButton, messageId: string): string {
  switch (b.type) {
    case 'url':
      return `<a class="btn" data-testid="bubble-button" href="${esc(b.url)}" target="_blank" rel="noopener">↗ ${esc(b.text)}</a>`;
    case 'phone_number':
      return `<a class="btn" data-testid="bubble-button" href="tel:+${esc(b.phone_number.replace(/^\+/, ''))}">📞 ${esc(b.text)}</a>`;
    case 'quick_reply':
      return `<button class="btn qr" data-testid="bubble-button" data-payload="${esc(b.payload)}" data-text="${esc(b.text)}" data-context="${esc(messageId)}">↩ ${esc(b.text)}</button>`;
    case 'copy_code':
      return `<button class="btn" data-testid="bubble-button" title="copy">⧉ ${esc(b.text)}: ${esc(b.code)}</button>`;
    case 'flow':
      return `<button class="btn" data-testid="bubble-button" disabled>${esc(b.text)}</button>`;
  }
}

function templateHtml(r: RenderedTemplate, messageId: string): string {
  return [
    r.header ? headerHtml(r.header) : '',
    `<div class="body" data-testid="bubble-body">${esc(r.body)}</div>`,
    r.footer ? `<div class="ftr" data-testid="bubble-footer">${esc(r.footer)}</div>` : '',
  ].join('') + (r.buttons.length ? `<div class="btns">${r.buttons.map((b) => buttonHtml(b, messageId)).join('')}</div>` : '');
}

export function bubblesHtml(ctx: SandboxContext, waId: string): string {
  const messages = phoneMessages(ctx, waId);
  if (messages.length === 0) return '<p class="empty">No messages yet.</p>';
  return messages
    .map((m) => {
      const time = m.at.slice(11, 16);
      if (m.direction === 'inbound') {
        return `<div class="bubble in" data-testid="bubble-inbound"><div class="body">${esc(m.text)}</div><div class="meta">${time}</div></div>`;
      }
      const content =
        'rendered' in m ? templateHtml(m.rendered, m.id) : `<div class="body" data-testid="bubble-body">${esc(m.text)}</div>`;
      return `<div class="bubble out" data-testid="bubble-outbound" data-status="${m.status}">${content}<div class="meta">${time} ${TICKS[m.status] ?? ''}</div></div>`;
    })
    .join('\n');
}

const STYLE = `
body{margin:0;font:15px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#d1d7db;display:flex;justify-content:center}
.phone{width:380px;max-width:100vw;height:100vh;display:flex;flex-direction:column;background:#efeae2}
header{background:#008069;color:#fff;padding:12px 16px}header small{display:block;opacity:.8}
#chat{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:6px}
.bubble{max-width:85%;padding:6px 8px 4px;border-radius:8px;box-shadow:0 1px .5px rgba(0,0,0,.13);white-space:pre-wrap;word-wrap:break-word}
.out{align-self:flex-end;background:#d9fdd3}.in{align-self:flex-start;background:#fff}
.hdr{font-weight:600;margin-bottom:4px}.ftr{color:#667781;font-size:13px;margin-top:4px}
.media{background:#c8d3cf;border-radius:6px;padding:18px 8px;text-align:center;margin-bottom:6px;color:#333}.media small{display:block;font-size:11px;word-break:break-all}
.meta{text-align:right;color:#667781;font-size:11px}.tick.read{color:#53bdeb}
.btns{display:flex;flex-direction:column;margin-top:6px;border-top:1px solid #c5dcc0}
.btn{display:block;background:none;border:0;border-bottom:1px solid #c5dcc0;color:#027eb5;padding:7px;text-align:center;text-decoration:none;font:inherit;cursor:pointer}
.empty{text-align:center;color:#667781}
form{display:flex;gap:6px;padding:8px;background:#f0f2f5}input{flex:1;border:0;border-radius:8px;padding:10px;font:inherit}
form button{border:0;border-radius:50%;width:42px;background:#008069;color:#fff;font-size:18px;cursor:pointer}`;

const SCRIPT = `
const chat=document.getElementById('chat');const waId=chat.dataset.waid;
const base=location.pathname.replace(/\\/$/,'');
const customers=base.replace(/\\/phone\\/[^/]+$/,'/customers/'+waId+'/messages');
let last=chat.innerHTML;
async function refresh(){try{const r=await fetch(base+'/bubbles',{cache:'no-store'});if(!r.ok)return;const html=await r.text();
if(html!==last){const atEnd=chat.scrollTop+chat.clientHeight>=chat.scrollHeight-40;chat.innerHTML=html;last=html;if(atEnd)chat.scrollTop=chat.scrollHeight;}}catch(e){}}
async function send(body){await fetch(customers,{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify(body)});refresh();}
document.getElementById('reply').addEventListener('submit',(e)=>{e.preventDefault();const input=document.getElementById('text');const text=input.value.trim();if(text){input.value='';send({text});}});
chat.addEventListener('click',(e)=>{const b=e.target.closest('button.qr');if(b)send({button:{payload:b.dataset.payload,text:b.dataset.text},context:{id:b.dataset.context}});});
chat.scrollTop=chat.scrollHeight;setInterval(refresh,1000);`;

export function phonePage(ctx: SandboxContext) {
  return new Hono()
    .get('/:waId/bubbles', (c) => c.html(bubblesHtml(ctx, c.req.param('waId'))))
    .get('/:waId', (c) => {
      const waId = c.req.param('waId');
      return c.html(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>+${esc(waId)} — WhatsApp sandbox phone</title><style>${STYLE}</style></head>
<body><div class="phone"><header><strong>${esc(ctx.identity.verifiedName)}</strong><small>Sandbox phone of +${esc(waId)}</small></header>
<main id="chat" data-waid="${esc(waId)}">${bubblesHtml(ctx, waId)}</main>
<form id="reply"><input id="text" placeholder="Message" autocomplete="off"><button type="submit" aria-label="Send">➤</button></form></div>
<script>${SCRIPT}</script></body></html>`);
    });
}
