import type { Channel, ConfirmChannel, GetMessage, Options } from 'amqplib';
import { connectAnyNode } from '../connection/connect-any-node';

/** One dead letter as the DLQ tool sees it: body, AMQP properties and headers, no amqplib types. */
export interface DeadLetter {
  /** Position in this session (basic.get order); what `remove` acknowledges. */
  readonly tag: number;
  readonly content: Buffer;
  readonly properties: DeadLetterProperties;
}

export interface DeadLetterProperties {
  messageId?: string;
  type?: string;
  appId?: string;
  timestamp?: number;
  contentType?: string;
  correlationId?: string;
  headers: Record<string, unknown>;
}

/**
 * A DLQ read through basic.get without ack: every letter taken stays held (invisible to other readers) until the
 * session removes it (ack) or closes, which returns the rest to the queue in their original order (nack requeue).
 * Quorum queues have no non-destructive read, so a return bumps `x-delivery-count` by one. That is why a DLQ is
 * declared with an explicit delivery limit of 2^31−1 (`deadLetterQueueArguments`): RabbitMQ 4.x would otherwise
 * apply its default of 20 and drop a letter looked at twenty times (a DLQ dead-letters nowhere). The management
 * API's get-messages does the same basic.get + requeue inside the broker, so it would not avoid the count either,
 * and would add a dependency on the management plugin.
 */
export interface DlqSession {
  readonly queue: string;
  /** Messages ready in the DLQ now (declare-ok count: letters held by any reader are not included). */
  readyCount(): Promise<number>;
  /** The next dead letter, held until `remove` or `close`; undefined when none is ready. */
  take(): Promise<DeadLetter | undefined>;
  /** Acknowledges a held letter: it leaves the DLQ for good. */
  remove(letter: DeadLetter): void;
  /** Whether a queue exists (checked on a throwaway channel: a missing queue closes the channel that asked). */
  queueExists(queue: string): Promise<boolean>;
  /**
   * Persistent, mandatory, confirmed publish through the default exchange straight to `queue`. Rejects when the
   * broker nacks or returns it (no such queue), so a caller only removes a letter whose copy is safely queued.
   */
  sendToQueue(queue: string, content: Buffer, properties: Options.Publish): Promise<void>;
  /** Returns every letter still held to the DLQ and closes the connection. */
  close(): Promise<void>;
}

export async function openDlqSession(url: string, queue: string): Promise<DlqSession> {
  const connection = await connectAnyNode(url);
  connection.on('error', () => undefined);
  try {
    const reader: Channel = await connection.createChannel();
    reader.on('error', () => undefined);
    await reader.checkQueue(queue);
    const publisher: ConfirmChannel = await connection.createConfirmChannel();
    publisher.on('error', () => undefined);
    let returned = false;
    publisher.on('return', () => (returned = true));
    const held = new Map<number, GetMessage>();
    let nextTag = 0;
    let publishing = Promise.resolve();

    return {
      queue,
      readyCount: async () => (await reader.checkQueue(queue)).messageCount,
      async take() {
        const message = await reader.get(queue, { noAck: false });
        if (!message) return undefined;
        const tag = ++nextTag;
        held.set(tag, message);
        const p = message.properties;
        return {
          tag,
          content: message.content,
          properties: {
            messageId: p.messageId, type: p.type, appId: p.appId, timestamp: p.timestamp,
            contentType: p.contentType, correlationId: p.correlationId, headers: { ...(p.headers ?? {}) },
          },
        };
      },
      remove(letter) {
        const message = held.get(letter.tag);
        if (!message) throw new Error(`dead letter ${letter.tag} is not held by this session`);
        held.delete(letter.tag);
        reader.ack(message);
      },
      async queueExists(name) {
        const probe = await connection.createChannel();
        probe.on('error', () => undefined);
        try {
          await probe.checkQueue(name);
          await probe.close().catch(() => undefined);
          return true;
        } catch {
          return false;
        }
      },
      sendToQueue(target, content, properties) {
        // One publish at a time, so a basic.return (sent before its confirm) belongs to the publish in flight.
        const send = publishing.then(
          () =>
            new Promise<void>((resolve, reject) => {
              returned = false;
              publisher.publish('', target, content, { ...properties, persistent: true, mandatory: true }, (error) => {
                if (error) reject(new Error(`publish to ${target} not confirmed: ${String(error)}`));
                else if (returned) reject(new Error(`publish to ${target} returned: no such queue`));
                else resolve();
              });
            }),
        );
        publishing = send.catch(() => undefined);
        return send;
      },
      async close() {
        if (held.size > 0) reader.nackAll(true);
        // Close the channel first and wait for close-ok: closing the connection at once can drop acks the broker
        // has not processed yet (seen on 3.10: removed letters came back).
        await reader.close().catch(() => undefined);
        await publisher.close().catch(() => undefined);
        await connection.close().catch(() => undefined);
      },
    };
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw error;
  }
}
