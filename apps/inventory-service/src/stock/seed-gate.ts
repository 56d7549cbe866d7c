import type { EventEnvelope } from '@troupe/contracts';
import type { EventHandler } from '@troupe/messaging';

/**
 * The chassis starts consumers before `onStart`, where stock is seeded. On a first start an `order.created`
 * could otherwise be decided against an empty inventory (wrongly "unknown_sku"); until the seed is in place the
 * gate fails deliveries recoverably, so the broker brings them back after the first retry delay.
 */
export class SeedGate {
  private open = false;

  markSeeded(): void {
    this.open = true;
  }

  guard<E extends EventEnvelope>(handler: EventHandler<E>): EventHandler<E> {
    return async (event, ctx) => {
      if (!this.open) throw new Error('stock is not seeded yet; retrying later');
      return handler(event, ctx);
    };
  }
}
