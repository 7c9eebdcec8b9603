/**
 * Admins hand agents a pairing link: `options.html#server=<url>&token=<token>`. The fragment never
 * reaches a server (browsers do not send it), and the options page removes it from the address bar
 * once read.
 */
export function parsePairingHash(hash: string): { serverUrl: string; token: string } | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const serverUrl = params.get('server')?.trim() ?? '';
  const token = params.get('token')?.trim() ?? '';
  return serverUrl && token ? { serverUrl, token } : null;
}
