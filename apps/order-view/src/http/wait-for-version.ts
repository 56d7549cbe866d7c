import type { OrderViewRow } from '../store/order-view-row';
import type { ViewChanges } from '../store/view-changes';

/** Re-read at least this often while waiting, to see commits no in-process signal announces (other instances). */
export const rereadEveryMs = 100;

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
): Promise<VersionWait> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Subscribe before reading so a change committed between the read and the wait still wakes us.
    const woken = changes.next(orderId, Math.max(0, Math.min(rereadEveryMs, deadline - Date.now())));
    const row = await read();
    if (row && row.view.version >= minVersion) return { row, reached: true };
    if (Date.now() >= deadline) return { row, reached: false };
    await woken;
  }
}
