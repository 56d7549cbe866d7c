import { createHash } from 'node:crypto';
import type { OrderRequest } from '@troupe/saga';

export const idempotencyKeysCollection = 'idempotencyKeys';

/** `Idempotency-Key` → the order it created; `_id` is the key, so a concurrent duplicate loses the unique insert. */
export interface IdempotencyRecord {
  _id: string;
  orderId: string;
  requestHash: string;
  version?: number;
}

export const maxIdempotencyKeyLength = 200;

/**
 * Hashes the validated request (prices already in cents, fields in a fixed order), so formatting differences
 * such as key order or `19.9` vs `19.90` are the same request, and any real difference is another one.
 */
export function requestHash(request: OrderRequest): string {
  const { customerId, items, paymentToken, shippingAddress: a } = request;
  const canonical = [customerId, paymentToken, items.map((line) => [line.sku, line.quantity, line.unitPriceCents]), [a.name, a.line1, a.city, a.postalCode, a.country]];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
