/**
 * Decimal money from an HTTP answer (19.99, or "19.99" if an app chose strings) → integer cents.
 * Rounds, because an app summing floats may answer 59.970000000000006; the invariants compare cents exactly.
 */
export function toCents(amount: unknown): number {
  const value = typeof amount === 'string' ? Number(amount) : amount;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`not a money amount: ${JSON.stringify(amount)}`);
  }
  return Math.round(value * 100);
}
