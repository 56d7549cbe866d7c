/** A `POST /orders` body as HTTP carries it: money in decimal (19.99). */
export interface OrderBody {
  customerId: string;
  items: OrderItemBody[];
  paymentToken: string;
  shippingAddress: ShippingAddressBody;
}

export interface OrderItemBody {
  sku: string;
  quantity: number;
  unitPrice: number;
}

export interface ShippingAddressBody {
  name: string;
  line1: string;
  city: string;
  postalCode: string;
  country: string;
}

export interface OrderBodyOverrides extends Partial<Omit<OrderBody, 'shippingAddress'>> {
  /** Merged into the default address, so `{ shippingAddress: { country: 'AQ' } }` is enough. */
  shippingAddress?: Partial<ShippingAddressBody>;
}

/** A valid order that confirms on a fresh system (2 × SKU-001 at 19.99 + 1 × SKU-002 at 5.00 = 44.98), with overrides. */
export function orderBody(overrides: OrderBodyOverrides = {}): OrderBody {
  const { shippingAddress, ...rest } = overrides;
  return {
    customerId: 'cust-e2e',
    items: [
      { sku: 'SKU-001', quantity: 2, unitPrice: 19.99 },
      { sku: 'SKU-002', quantity: 1, unitPrice: 5 },
    ],
    paymentToken: 'tok_visa',
    ...rest,
    shippingAddress: {
      name: 'Ada Lovelace',
      line1: '1 Rue de la Paix',
      city: 'Paris',
      postalCode: '75002',
      country: 'FR',
      ...shippingAddress,
    },
  };
}

/** The order's total in cents, computed the way order-service must (per line, in cents, no float drift). */
export function bodyTotalCents(body: Pick<OrderBody, 'items'>): number {
  return body.items.reduce((sum, item) => sum + item.quantity * Math.round(item.unitPrice * 100), 0);
}
