import { ConcurrencyError, DuplicateKeyError, type StoreSession, type StoredDocument } from '@troupe/persistence';
import type { Payment } from '@troupe/saga';

/** One payment record per order, keyed by the order id. */
export const paymentsCollection = 'payments';

export type StoredPayment = Payment & StoredDocument;

export function loadPayment(session: StoreSession, orderId: string): Promise<StoredPayment | undefined> {
  return session.collection<StoredPayment>(paymentsCollection).get(orderId);
}

/**
 * Writes the domain's new state with optimistic concurrency. Two instances racing on one order both read the same
 * version; the loser's ConcurrencyError makes the pipeline re-run its handler on the fresh record. A lost race to
 * create the record is reported the same way so it is re-run at once rather than backed off.
 */
export async function savePayment(session: StoreSession, previous: StoredPayment | undefined, next: Payment): Promise<void> {
  const payments = session.collection<StoredPayment>(paymentsCollection);
  const document: StoredPayment = { ...next, _id: next.orderId };
  if (previous?.version === undefined) {
    try {
      await payments.insert(document);
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw new ConcurrencyError(paymentsCollection, next.orderId, 0, undefined);
      throw error;
    }
    return;
  }
  await payments.update(document, previous.version);
}
