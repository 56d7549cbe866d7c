import type { StoreSession, StoredDocument } from '@troupe/persistence';
import { isDuplicateKeyIn } from '../errors';

export const inboxCollection = 'troupe_inbox';

/** A processed message id: written in the same transaction as the handler's change, so both happen once. */
export interface InboxEntry extends StoredDocument {
  /** `<service>:<message id>`, so services sharing one database (tests, tools) keep separate inboxes. */
  _id: string;
  type: string;
  receivedAt: number;
}

export function inboxKey(service: string, messageId: string): string {
  return `${service}:${messageId}`;
}

/**
 * Records the message as processed; false when it already was. Reads first so a plain duplicate never fails
 * the (possibly shared, see TransactionBatcher) transaction. Two instances racing past the read are settled
 * by the unique `_id`: the loser's insert or commit fails with a DuplicateKeyError on the inbox, which
 * `isInboxConflict` recognises.
 */
export async function recordInInbox(session: StoreSession, service: string, messageId: string, type: string): Promise<boolean> {
  const inbox = session.collection<InboxEntry>(inboxCollection);
  const key = inboxKey(service, messageId);
  if (await inbox.get(key)) return false;
  await inbox.insert({ _id: key, type, receivedAt: Date.now() });
  return true;
}

export function isInboxConflict(error: unknown): boolean {
  return isDuplicateKeyIn(error, inboxCollection);
}
