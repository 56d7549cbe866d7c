import { referenceManifests } from '@troupe/order-catalogue';
import { UsageError } from './usage-error';

/**
 * The services that can dead-letter: every manifest's service (the same list the queues, bindings and broker
 * permissions follow from), so a typo is caught here instead of surfacing as the broker's 404 on `<typo>.dlq`.
 */
export function dlqServices(): string[] {
  return [...new Set(referenceManifests.map((manifest) => manifest.service))].sort();
}

/** Throws the usage error that names the valid services when `service` is not one of them. */
export function assertKnownService(service: string, known: readonly string[]): void {
  if (known.includes(service)) return;
  throw new UsageError(`unknown service '${service}': one of ${known.join(', ')}`);
}
