import { orderBody, type OrderBody } from '@troupe/order-testing';

export type MixedPath = 'confirm' | 'declined-token' | 'over-limit' | 'shipping-aq' | 'shipping-00000' | 'hang' | 'rejected' | 'customer-cancel';

export interface MixedOrder {
  path: MixedPath;
  body: OrderBody;
  /** Cancel right after POST (the outcome then depends on the race: any terminal state is fine, invariants decide). */
  cancel: boolean;
}

/** SKUs set to 2 units before the run: asking 5 of one is always rejected. */
export const scarceSkus = ['SKU-095', 'SKU-096', 'SKU-097'];
export const scarceLevel = 2;

const paths: MixedPath[] = ['confirm', 'confirm', 'confirm', 'declined-token', 'over-limit', 'shipping-aq', 'shipping-00000', 'hang', 'rejected', 'customer-cancel'];

/** `count` orders over every path of the order saga, on random SKUs from SKU-050…SKU-069 so orders contend for the same stock. */
export function mixedOrders(count: number, random: () => number): MixedOrder[] {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  const sku = () => `SKU-0${50 + Math.floor(random() * 20)}`;
  return Array.from({ length: count }, (_, index) => {
    const path = paths[index % paths.length];
    const lines = 1 + Math.floor(random() * 3);
    const items = [...new Set(Array.from({ length: lines }, sku))].map((code) => ({ sku: code, quantity: 1 + Math.floor(random() * 4), unitPrice: pick([0.99, 5, 12.5, 19.99, 120]) }));
    const base = { customerId: `mixed-${index}`, items };
    switch (path) {
      case 'declined-token':
        return { path, body: orderBody({ ...base, paymentToken: 'tok_declined' }), cancel: false };
      case 'over-limit':
        return { path, body: orderBody({ ...base, items: [{ sku: sku(), quantity: 2, unitPrice: 2500.5 }] }), cancel: false };
      case 'shipping-aq':
        return { path, body: orderBody({ ...base, shippingAddress: { country: pick(['AQ', 'KP']) } }), cancel: false };
      case 'shipping-00000':
        return { path, body: orderBody({ ...base, shippingAddress: { postalCode: '00000' } }), cancel: false };
      case 'hang':
        return { path, body: orderBody({ ...base, paymentToken: 'tok_hang' }), cancel: random() < 0.5 };
      case 'rejected':
        return { path, body: orderBody({ ...base, items: [...items, { sku: pick(scarceSkus), quantity: 5, unitPrice: 1 }] }), cancel: false };
      case 'customer-cancel':
        return { path, body: orderBody(base), cancel: true };
      default:
        return { path, body: orderBody(base), cancel: false };
    }
  });
}
