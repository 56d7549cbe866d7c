import type { StockItem } from '../events';
import type { StockLevel } from './stock';

/**
 * Inventory's per-order record. It exists from the first event about the order and never goes back, which
 * is what makes "release at most once" and "no reservation after the release" hold:
 * - RESERVED: `items` are held.
 * - FAILED: the all-or-nothing reservation found shortages; nothing held.
 * - RELEASED: `items` were held and have been given back.
 * - CANCELLED: the undo relay passed while nothing was held (before any reservation, or after a failure).
 */
export type ReservationStatus = 'RESERVED' | 'FAILED' | 'RELEASED' | 'CANCELLED';

export interface Reservation {
  orderId: string;
  status: ReservationStatus;
  items: StockItem[];
}

/** What an inventory handler saves: the order's record and every stock level the decision changed. */
export interface InventoryChange {
  reservation: Reservation;
  stock: StockLevel[];
}
