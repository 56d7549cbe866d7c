import type { Store } from '@troupe/persistence';
import { initialCursor, type OrderCursor } from './order-cursor';

export const cursorsCollection = 'cursors';
const ordersCursorId = 'orders';

interface CursorDocument extends OrderCursor {
  _id: string;
  version?: number;
}

/** The cursor lives in the reconciler's own store, so a restart (or another instance) resumes where the last run stopped. */
export class CursorStore {
  constructor(private readonly store: Store) {}

  async load(): Promise<OrderCursor> {
    const document = await this.store.collection<CursorDocument>(cursorsCollection).get(ordersCursorId);
    if (!document) return initialCursor;
    return { updatedSince: document.updatedSince, ...(document.after ? { after: document.after } : {}) };
  }

  async save(cursor: OrderCursor): Promise<void> {
    await this.store.collection<CursorDocument>(cursorsCollection).upsert({ _id: ordersCursorId, ...cursor });
  }
}
