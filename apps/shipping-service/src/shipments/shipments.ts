import { ConcurrencyError, DuplicateKeyError, type StoreSession, type StoredDocument } from '@troupe/persistence';
import type { Shipment } from '@troupe/saga';

/** One shipment record per order, keyed by the order id. */
export const shipmentsCollection = 'shipments';

export type StoredShipment = Shipment & StoredDocument;

export function loadShipment(session: StoreSession, orderId: string): Promise<StoredShipment | undefined> {
  return session.collection<StoredShipment>(shipmentsCollection).get(orderId);
}

/**
 * Writes the domain's new state with optimistic concurrency; a lost race (also a lost race to create the record)
 * surfaces as ConcurrencyError, which the pipeline answers by re-running the handler on the fresh record.
 */
export async function saveShipment(session: StoreSession, previous: StoredShipment | undefined, next: Shipment): Promise<void> {
  const shipments = session.collection<StoredShipment>(shipmentsCollection);
  const document: StoredShipment = { ...next, _id: next.orderId };
  if (previous?.version === undefined) {
    try {
      await shipments.insert(document);
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw new ConcurrencyError(shipmentsCollection, next.orderId, 0, undefined);
      throw error;
    }
    return;
  }
  await shipments.update(document, previous.version);
}
