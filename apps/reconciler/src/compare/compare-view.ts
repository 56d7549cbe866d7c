import type { OrderItem, OrderRecord, OrderViewRow } from '../sources/rows';
import { sameMoney } from './money';

export type ViewDrift = 'missing' | 'status' | 'reason' | 'total' | 'version' | 'customerId' | 'items';

/** What is wrong with the read model's row for an order, judged against the system of record; empty when it agrees. */
export function compareView(order: OrderRecord, view: OrderViewRow | undefined): ViewDrift[] {
  if (!view) return ['missing'];
  const drift: ViewDrift[] = [];
  if (view.status !== order.status) drift.push('status');
  // A missing reason and a null one mean the same thing on the wire.
  if ((view.reason ?? undefined) !== (order.reason ?? undefined)) drift.push('reason');
  if (!sameMoney(view.total, order.total)) drift.push('total');
  if (view.version !== order.version) drift.push('version');
  if (view.customerId !== order.customerId) drift.push('customerId');
  if (!sameItems(view.items, order.items)) drift.push('items');
  return drift;
}

function sameItems(actual: OrderItem[] | undefined, expected: OrderItem[]): boolean {
  if (!Array.isArray(actual) || actual.length !== expected.length) return false;
  return expected.every((item, i) => {
    const other = actual[i];
    return other !== undefined && other.sku === item.sku && other.quantity === item.quantity && sameMoney(other.unitPrice, item.unitPrice);
  });
}
