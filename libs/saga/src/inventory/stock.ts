/** One SKU's stock. `reserved` holds units of orders in flight and of CONFIRMED orders (they shipped). */
export interface StockLevel {
  sku: string;
  available: number;
  reserved: number;
}

/** The stock documents a handler loaded, by SKU. A SKU missing here has never been stocked: 0 available. */
export type StockBySku = Readonly<Record<string, StockLevel | undefined>>;

export const maxAvailable = 1_000_000_000;

export function stockOf(stock: StockBySku, sku: string): StockLevel {
  return stock[sku] ?? { sku, available: 0, reserved: 0 };
}

/** The fixture inventory seeds on first start: SKU-001 … SKU-100, 1,000 units each. */
export function seedStock(skuCount = 100, unitsEach = 1000): StockLevel[] {
  return Array.from({ length: skuCount }, (_, index) => ({
    sku: `SKU-${String(index + 1).padStart(3, '0')}`,
    available: unitsEach,
    reserved: 0,
  }));
}

export type SetAvailableResult = { ok: true; level: StockLevel } | { ok: false; error: string };

/**
 * `PUT /stock/:sku {available}`: an operator's count of sellable units. Reserved units are untouched
 * (they belong to orders), so a recount never breaks a reservation.
 */
export function setAvailable(current: StockLevel | undefined, sku: string, available: unknown): SetAvailableResult {
  if (typeof available !== 'number' || !Number.isInteger(available) || available < 0 || available > maxAvailable) {
    return { ok: false, error: `available must be an integer from 0 to ${maxAvailable}` };
  }
  return { ok: true, level: { sku, available, reserved: current?.reserved ?? 0 } };
}
