/**
 * Converts a decimal amount (as sent in JSON, e.g. 19.99) to integer cents, or undefined when it has
 * fractions of a cent. Rounding through the float error (19.99 * 100 = 1998.9999…) is safe because
 * anything further than 1e-6 from a whole cent is refused.
 */
export function decimalToCents(amount: number): number | undefined {
  if (!Number.isFinite(amount)) return undefined;
  const cents = amount * 100;
  const rounded = Math.round(cents);
  return Math.abs(cents - rounded) < 1e-6 ? rounded : undefined;
}

export function orderTotalCents(items: readonly { quantity: number; unitPriceCents: number }[]): number {
  return items.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
}
