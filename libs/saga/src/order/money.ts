/**
 * Converts a decimal amount (as sent in JSON, e.g. 19.99) to integer cents, or undefined when it has
 * fractions of a cent or is negative. It reads the number's shortest decimal form (what JSON carried)
 * instead of multiplying by 100, whose float error grows with the amount.
 */
export function decimalToCents(amount: number): number | undefined {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(amount));
  if (!match) return undefined;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : undefined;
}

export function orderTotalCents(items: readonly { quantity: number; unitPriceCents: number }[]): number {
  return items.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
}
