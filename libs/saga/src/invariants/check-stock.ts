import type { InvariantViolation, SystemSnapshot } from './system-snapshot';

/**
 * 2. Stock is conserved: for each SKU, initial = available + units held by CONFIRMED orders. Once quiet,
 * `reserved` must also be exactly those units (anything more is a reservation nobody released).
 */
export function checkStock(snapshot: SystemSnapshot): InvariantViolation[] {
  const held = new Map<string, number>();
  for (const order of snapshot.orders) {
    if (order.status !== 'CONFIRMED') continue;
    for (const { sku, quantity } of order.items) held.set(sku, (held.get(sku) ?? 0) + quantity);
  }
  const violations: InvariantViolation[] = [];
  const known = new Set(snapshot.stock.map((level) => level.sku));
  for (const { sku, initial, available, reserved } of snapshot.stock) {
    const confirmed = held.get(sku) ?? 0;
    if (initial !== available + confirmed) {
      violations.push({
        invariant: 2,
        sku,
        message: `${sku}: initial ${initial} ≠ available ${available} + held by CONFIRMED orders ${confirmed}`,
      });
    }
    if (reserved !== confirmed) {
      violations.push({
        invariant: 2,
        sku,
        message: `${sku}: reserved ${reserved} ≠ units held by CONFIRMED orders ${confirmed}`,
      });
    }
  }
  for (const [sku, units] of held) {
    if (!known.has(sku)) {
      violations.push({ invariant: 2, sku, message: `${sku}: CONFIRMED orders hold ${units} units of a SKU with no stock` });
    }
  }
  return violations;
}
