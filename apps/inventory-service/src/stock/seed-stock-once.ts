import { DuplicateKeyError, type Store } from '@troupe/persistence';
import { seedStock } from '@troupe/saga';
import { stockRows } from './inventory-documents';

/**
 * Stocks the fixture SKUs when the stock collection is empty, and only then (an operator's counts are never
 * overwritten by a restart). The emptiness check and the inserts share one transaction, so of two instances
 * starting together one seeds and the other finds the rows (SQLite serialises the two; on MongoDB the loser's
 * insert hits the winner's keys). Returns how many rows this call inserted.
 */
export async function seedStockOnce(store: Store): Promise<number> {
  try {
    return await store.transaction(async (session) => {
      const rows = stockRows(session);
      if ((await rows.find({}, { limit: 1 })).length > 0) return 0;
      const levels = seedStock();
      for (const level of levels) await rows.insert({ ...level, _id: level.sku });
      return levels.length;
    });
  } catch (error) {
    if (error instanceof DuplicateKeyError) return 0;
    throw error;
  }
}
