/**
 * Puts the benchmark's template where a real deployment has it: created at "Meta" (the sandbox's
 * Graph API), approved, then pulled into Köprü with the admin's `POST /api/templates/sync` — the
 * same path an admin uses. The send benchmark then renders and sends this template.
 * @module
 */
import { SANDBOX } from '../../server/env';

export const SEND_TEMPLATE = { name: 'bench_kargo_bildirimi', language: 'tr' } as const;

/** Values for the template's three body parameters; `n` makes every message a little different. */
export const sendValues = (n: number) => ({ '1': 'Ayşe Yılmaz', '2': `SP-${100000 + n}`, '3': `TRK${7000000 + n}` });

async function call(url: string, init: RequestInit & { json?: unknown } = {}): Promise<unknown> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set('content-type', 'application/json');
  const res = await fetch(url, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${rest.method ?? 'GET'} ${url} → ${res.status}: ${text.slice(0, 500)}`);
  return text ? (JSON.parse(text) as unknown) : null;
}

/** Sandbox switches for benchmarking: no injected faults; `webhooksPaused` as asked. `sandboxUrl` ends in `/sandbox`. */
export async function setSandbox(sandboxUrl: string, patch: { faults?: boolean; webhooksPaused?: boolean }): Promise<void> {
  await call(`${sandboxUrl}/control/settings`, { method: 'POST', json: patch });
}

/** `sandboxUrl`: the sandbox's mount point (`…/sandbox`, on the server or on its own process); `serverUrl`: Köprü. */
export async function installSendTemplate(sandboxUrl: string, serverUrl: string, adminToken: string): Promise<void> {
  const graph = `${sandboxUrl}/graph/v25.0`;
  const auth = { authorization: `Bearer ${SANDBOX.accessToken}` };
  const created = (await call(`${graph}/${SANDBOX.wabaId}/message_templates`, {
    method: 'POST',
    headers: auth,
    json: {
      name: SEND_TEMPLATE.name,
      language: SEND_TEMPLATE.language,
      category: 'UTILITY',
      parameter_format: 'POSITIONAL',
      components: [
        {
          type: 'BODY',
          text: 'Merhaba {{1}}, {{2}} numaralı siparişiniz kargoya verildi. Kargo takip numaranız: {{3}}.',
          example: { body_text: [['Ayşe', 'SP-100200', 'TRK7000001']] },
        },
        { type: 'FOOTER', text: 'Köprü Demo Mağazası' },
      ],
    },
  })) as { id: string; status: string };
  // Review is automatic after SANDBOX_REVIEW_DELAY_MS; force it if it has not happened yet.
  const status = async () => ((await call(`${graph}/${created.id}?fields=status`, { headers: auth })) as { status: string }).status;
  if ((await status()) === 'PENDING') {
    await call(`${sandboxUrl}/control/templates/${created.id}/review`, { method: 'POST', json: { decision: 'approve' } }).catch(() => undefined);
  }
  const final = await status();
  if (final !== 'APPROVED') throw new Error(`the sandbox did not approve ${SEND_TEMPLATE.name}: ${final}`);
  await call(`${serverUrl}/api/templates/sync`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}` } });
  const list = (await call(`${serverUrl}/api/templates?q=${SEND_TEMPLATE.name}`, { headers: { authorization: `Bearer ${adminToken}` } })) as {
    templates?: Array<{ name: string; usable?: boolean }>;
  };
  const found = list.templates?.find((t) => t.name === SEND_TEMPLATE.name);
  if (!found) throw new Error(`template ${SEND_TEMPLATE.name} is not in GET /api/templates after the sync: ${JSON.stringify(list).slice(0, 300)}`);
}
