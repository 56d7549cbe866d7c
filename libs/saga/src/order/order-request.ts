import type { OrderLine, ShippingAddress } from '../events';

/** A `POST /orders` body after validation: prices already in integer cents. */
export interface OrderRequest {
  customerId: string;
  items: OrderLine[];
  paymentToken: string;
  shippingAddress: ShippingAddress;
}

/** One problem with one field, named by its JSON path (e.g. `items[2].quantity`), for the 400 answer. */
export interface FieldError {
  field: string;
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Bounds shared with the event schemas, so every accepted order produces a valid `order.created`. */
export const orderLimits = {
  minItems: 1,
  maxItems: 50,
  minQuantity: 1,
  maxQuantity: 1000,
  maxUnitPriceCents: 100_000_000_000,
  maxTotalCents: 100_000_000_000,
  maxCustomerIdLength: 64,
  maxSkuLength: 64,
  maxPaymentTokenLength: 128,
  addressFieldLengths: { name: 200, line1: 200, city: 100, postalCode: 20 },
} as const;
