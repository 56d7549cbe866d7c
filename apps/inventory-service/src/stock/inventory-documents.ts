import type { StoreSession } from '@troupe/persistence';
import type { Reservation, StockLevel } from '@troupe/saga';

export const stockCollection = 'stock';
export const reservationsCollection = 'reservations';

/** One SKU's stock, keyed by SKU; `version` guards concurrent reservations from two instances. */
export type StockDocument = StockLevel & { _id: string; version?: number };

/** Inventory's per-order record, keyed by order id. */
export type ReservationDocument = Reservation & { _id: string; version?: number };

export function stockRows(session: StoreSession) {
  return session.collection<StockDocument>(stockCollection);
}

export function reservationRows(session: StoreSession) {
  return session.collection<ReservationDocument>(reservationsCollection);
}

export function toStockLevel({ sku, available, reserved }: StockLevel): StockLevel {
  return { sku, available, reserved };
}
