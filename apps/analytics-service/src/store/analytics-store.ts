import { ConcurrencyError, DuplicateKeyError, type StoreSession, type StoredDocument } from '@troupe/persistence';
import { emptySummary, type AnalyticsOrder, type AnalyticsSummary } from '@troupe/saga';

export const ordersCollection = 'analytics_orders';
export const summaryCollection = 'analytics_summary';
const summaryId = 'summary';

/** What analytics counted for one order, plus the cancel reason and when it last changed (the reconciler's cursor). */
export interface StoredAnalyticsOrder extends AnalyticsOrder, StoredDocument {
  reason?: string;
  updatedAt: string;
}

export interface StoredSummary extends AnalyticsSummary, StoredDocument {
  cancelledByReason: Record<string, number>;
}

export const loadOrder = (session: StoreSession, orderId: string) =>
  session.collection<StoredAnalyticsOrder>(ordersCollection).get(orderId);

export async function loadSummary(session: StoreSession): Promise<StoredSummary> {
  const stored = await session.collection<StoredSummary>(summaryCollection).get(summaryId);
  return stored ?? { ...emptySummary(), cancelledByReason: {}, _id: summaryId };
}

/** Inserts or updates with the version read, so concurrent writers surface as ConcurrencyError and are re-run. */
async function save<T extends StoredDocument>(session: StoreSession, collection: string, document: T, readVersion: number | undefined): Promise<void> {
  const target = session.collection<T>(collection);
  if (readVersion !== undefined) {
    await target.update(document, readVersion);
    return;
  }
  try {
    await target.insert(document);
  } catch (error) {
    if (error instanceof DuplicateKeyError) throw new ConcurrencyError(collection, document._id, 0, undefined);
    throw error;
  }
}

/** The per-order record and the summary always change together, in the caller's transaction. */
export async function saveOrderAndSummary(
  session: StoreSession,
  previous: { order?: StoredAnalyticsOrder; summary: StoredSummary },
  next: { order: StoredAnalyticsOrder; summary: StoredSummary },
): Promise<void> {
  await save(session, ordersCollection, next.order, previous.order?.version);
  await save(session, summaryCollection, next.summary, previous.summary.version);
}
