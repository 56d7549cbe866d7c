import type { OrderViewRow } from '../store/order-view-row';
import type { ViewChanges } from '../store/view-changes';

export interface VersionWait {
  row: OrderViewRow | undefined;
  reached: boolean;
}

/** Reads the row until its view reaches `minVersion` or `timeoutMs` passes; woken early by `changes`. */
export async function waitForVersion(
  read: () => Promise<OrderViewRow | undefined>,
  changes: ViewChanges,
  orderId: string,
  minVersion: number,
  timeoutMs: number,
  rereadEveryMs: number,
): Promise<VersionWait> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Subscribe before reading so a change committed between the read and the wait still wakes us.
    const subscription = changes.subscribe(orderId, Math.max(0, Math.min(rereadEveryMs, deadline - Date.now())));
    const row = await read().catch((error: unknown) => {
      subscription.cancel();
      throw error;
    });
    if ((row && row.view.version >= minVersion) || Date.now() >= deadline) {
      subscription.cancel();
      return { row, reached: row !== undefined && row.view.version >= minVersion };
    }
    await subscription.changed;
  }
}
