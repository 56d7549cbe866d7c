import type { DeclineReason } from '../events';

/** The deterministic stand-in for a card provider (docs/product.md#business-rules), so every path can be driven from outside. */
export const paymentRules = {
  declinedToken: 'tok_declined',
  hangingToken: 'tok_hang',
  /** 5,000.00: anything over is declined. */
  maxAmountCents: 500_000,
} as const;

export type ProviderAnswer = { kind: 'captured' } | { kind: 'declined'; reason: DeclineReason } | { kind: 'no-answer' };

export function providerAnswer(paymentToken: string, amountCents: number): ProviderAnswer {
  if (paymentToken === paymentRules.declinedToken) return { kind: 'declined', reason: 'card_declined' };
  if (amountCents > paymentRules.maxAmountCents) return { kind: 'declined', reason: 'amount_over_limit' };
  if (paymentToken === paymentRules.hangingToken) return { kind: 'no-answer' };
  return { kind: 'captured' };
}
