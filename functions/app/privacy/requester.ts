import { createHash } from 'node:crypto';

/** Who sent a request, as the edge or the socket saw it: personal data, never stored or logged as is. */
export interface Requester {
  address: string | null;
  userAgent: string | null;
}

/**
 * SHA-256 (hex) of address and user agent: evidence a later claim can be matched against. It is
 * pseudonymous, not anonymous (every IPv4 address with a common user agent can be tried), so it is
 * kept with the person's records and erased with them.
 */
export const requesterHash = ({ address, userAgent }: Requester): string =>
  createHash('sha256')
    .update(`${address ?? ''}\n${userAgent ?? ''}`)
    .digest('hex');
