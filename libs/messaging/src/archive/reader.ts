import { randomUUID } from 'node:crypto';
import type { ConsumeMessage } from 'amqplib';
import { connectAnyNode } from '../connection/connect-any-node';
import type { EventCatalogue, EventEnvelope } from '@troupe/contracts';
import { archiveMarkerHeader, isArchiveMarker, isOwnMarker } from './marker';
import { deliveredOffset, streamOffsetArgument, type ArchiveStart } from './offset';
import { archiveNames } from './topology';
import type { EventCodec } from '../codec/codec';
import { catalogueCodec } from '../codec/catalogue-codec';

export interface ArchivedEvent {
  offset: number;
  routingKey: string;
  event: EventEnvelope;
}

export interface InvalidArchivedEvent {
  offset: number;
  routingKey: string;
  reason: string;
  errors: string[];
}

export interface ArchiveProgress {
  /** Events handed to `onEvent` so far. */
  read: number;
  /** Records that did not decode (e.g. a retired event version), skipped. */
  invalid: number;
  /** Offset of the last record handled. */
  offset: number;
}

export interface ArchiveReadOptions {
  url: string;
  prefix?: string;
  /** Default 'first': the oldest record retention kept. */
  from?: ArchiveStart;
  /** Deliveries in flight (basic.qos; streams require it). Default 256. */
  prefetch?: number;
  /** The catalogue the archived events belong to. */
  catalogue: EventCatalogue;
  /** Default `catalogueCodec(catalogue)`: every record is validated like a consumed delivery. */
  codec?: EventCodec;
  /** Default 1 MiB (larger than consumers accept, so an archived event is never refused for size alone). */
  maxMessageBytes?: number;
  /** Called in offset order, one at a time; the record is acked once it resolves. A throw ends the read. */
  onEvent(record: ArchivedEvent): void | Promise<void>;
  onInvalid?(record: InvalidArchivedEvent): void | Promise<void>;
  onProgress?(progress: ArchiveProgress): void;
  /** Records between two `onProgress` calls (one more comes at the end). Default 1000. */
  progressEvery?: number;
}

export interface ArchiveReadResult {
  read: number;
  invalid: number;
  /** Offset of the first record met, undefined when nothing was retained from `from` on. Above 0 from 'first' = retention dropped older events. */
  firstOffset?: number;
  /** Offset of the last event or invalid record met. */
  lastOffset?: number;
}

/**
 * Replays the archive from `from` up to its end as of the call (see marker.ts) and resolves with the
 * count. Events appended after the call may or may not be included.
 */
export async function readArchive(options: ArchiveReadOptions): Promise<ArchiveReadResult> {
  const stream = archiveNames(options.prefix).archiveStream;
  const codec = options.codec ?? catalogueCodec(options.catalogue);
  const maxBytes = options.maxMessageBytes ?? 1024 * 1024;
  const progressEvery = options.progressEvery ?? 1000;
  const markerId = randomUUID();
  const result: ArchiveReadResult = { read: 0, invalid: 0 };
  const connection = await connectAnyNode(options.url);
  connection.on('error', () => undefined);
  try {
    const channel = await connection.createConfirmChannel();
    channel.on('error', () => undefined);
    await channel.checkQueue(stream).catch((error: Error) => {
      throw new Error(`archive ${stream} not found (declare it with ensureArchive first): ${error.message}`);
    });
    channel.sendToQueue(stream, Buffer.alloc(0), { persistent: true, messageId: markerId, headers: { [archiveMarkerHeader]: markerId } });
    await channel.waitForConfirms();
    await channel.prefetch(options.prefetch ?? 256);

    const handle = async (message: ConsumeMessage): Promise<boolean> => {
      const offset = deliveredOffset(message.properties.headers);
      const headers = message.properties.headers;
      if (isOwnMarker(headers, markerId)) return true;
      if (!isArchiveMarker(headers)) {
        result.firstOffset ??= offset;
        result.lastOffset = offset;
        const routingKey = message.fields.routingKey;
        const decoded = codec.decode(message.content, maxBytes);
        if (decoded.ok) {
          await options.onEvent({ offset, routingKey, event: decoded.event });
          result.read += 1;
        } else {
          result.invalid += 1;
          await options.onInvalid?.({ offset, routingKey, reason: decoded.reason, errors: decoded.errors });
        }
        if ((result.read + result.invalid) % progressEvery === 0) options.onProgress?.({ read: result.read, invalid: result.invalid, offset });
      }
      channel.ack(message);
      return false;
    };

    await new Promise<void>((resolve, reject) => {
      let chain = Promise.resolve(false);
      let finished = false;
      const finish = (error?: Error): void => {
        if (finished) return;
        finished = true;
        if (error) reject(error);
        else resolve();
      };
      channel.on('close', () => finish(new Error(`archive read of ${stream} interrupted: channel closed`)));
      // Deliveries arrive in offset order; the chain keeps `onEvent` calls sequential while the prefetch window refills.
      void channel
        .consume(
          stream,
          (message) => {
            if (!message) return finish(new Error(`archive consumer on ${stream} cancelled by the broker`));
            chain = chain.then(async (done) => (done || finished ? true : handle(message)));
            chain.then((done) => done && finish(), finish);
          },
          { noAck: false, arguments: { 'x-stream-offset': streamOffsetArgument(options.from ?? 'first') } },
        )
        .catch(finish);
    });
    if (result.lastOffset !== undefined) options.onProgress?.({ read: result.read, invalid: result.invalid, offset: result.lastOffset });
    return result;
  } finally {
    await connection.close().catch(() => undefined);
  }
}
