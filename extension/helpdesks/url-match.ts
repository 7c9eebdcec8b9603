/**
 * Host checks for `isTicketPage`. A look-alike such as `zendesk.com.evil.example` or
 * `evilzendesk.com` must never count as the vendor.
 *
 * @module
 */

/** `https:` and the host is a subdomain of `domain` (`acme.zendesk.com` for `zendesk.com`). */
export function isHttpsSubdomainOf(url: URL, domain: string): boolean {
  return url.protocol === 'https:' && url.hostname.endsWith(`.${domain}`) && url.hostname.length > domain.length + 1;
}

/** `https:` and the host is exactly one of `hosts`. */
export function isHttpsHost(url: URL, hosts: readonly string[]): boolean {
  return url.protocol === 'https:' && hosts.includes(url.hostname);
}
