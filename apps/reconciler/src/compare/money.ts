/**
 * Money crosses HTTP as decimal units (19.99). Comparing the doubles directly would call 0.1 + 0.2 and 0.3
 * different, so both sides are compared as integer cents.
 */
export function toCents(amount: number): number {
  return Math.round(amount * 100);
}

export function sameMoney(a: number, b: number): boolean {
  return toCents(a) === toCents(b);
}
