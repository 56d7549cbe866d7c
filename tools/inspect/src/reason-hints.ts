/**
 * When several of the map's paths explain what was observed equally well (order-view alone sees only the ends of a
 * saga), the order's cancellation reason picks one: it names the event that started the compensation. The map has
 * no notion of reasons, so this small table is inspect's own knowledge of the reference system.
 */
export const reasonHints: Record<string, string> = {
  payment_declined: 'payment.declined',
  shipping_failed: 'shipment.failed',
  customer_cancelled: 'order.cancellation-requested',
  timed_out: 'order.cancellation-requested',
  out_of_stock: 'stock.reservation-failed',
};
