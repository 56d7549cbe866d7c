import type { StoreSession, StoredDocument } from '@troupe/persistence';
import { isDuplicateKeyIn } from './errors';

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
 * Records the message as processed; false when it already was. Inserting first (rather than reading) lets the
 * unique `_id` settle a race between two instances handling copies of one message at the same time.
 */
export async function recordInInbox(session: StoreSession, service: string, messageId: string, type: string): Promise<boolean> {
  try {
    await session.collection<InboxEntry>(inboxCollection).insert({ _id: inboxKey(service, messageId), type, receivedAt: Date.now() });
    return true;
  } catch (error) {
    if (isDuplicateKeyIn(error, inboxCollection)) return false;
    throw error;
  }
}
