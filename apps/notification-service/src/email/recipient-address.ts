/**
 * Orders carry a customer id, not an address (no customer directory exists yet): an id that already is an
 * address is used as is, any other id gets the configured mail domain.
 */
export function recipientAddress(customerId: string, domain: string): string {
  return /^[^@\s]+@[^@\s]+$/.test(customerId) ? customerId : `${customerId}@${domain}`;
}
