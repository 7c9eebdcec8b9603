/**
 * Absolute addresses of Köprü's own customer-facing pages (opt-in pages, the preference centre,
 * tracked redirects), for links that leave the server: in WhatsApp messages, QR codes, embed
 * snippets. KOPRU_PUBLIC_URL when set (behind a proxy, the address customers reach); otherwise the
 * address the server listens on (start-server fills it in once it knows its port).
 * @module
 */
import type { Config } from '../env';

export function publicBase(config: Pick<Config, 'publicUrl' | 'host' | 'port'>): string {
  if (config.publicUrl) return config.publicUrl.replace(/\/+$/, '');
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return `http://${host}:${config.port}`;
}

export const publicLink = (config: Pick<Config, 'publicUrl' | 'host' | 'port'>, path: string): string => `${publicBase(config)}${path}`;
