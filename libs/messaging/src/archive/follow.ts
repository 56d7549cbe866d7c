import type { Channel, ConsumeMessage } from 'amqplib';
import type { EventCatalogue } from '@troupe/contracts';
import { managed, type BrokerConnection } from '../connection/broker-connection';
import { catalogueCodec } from '../codec/catalogue-codec';
import type { EventCodec } from '../codec/codec';
import { silentLogger, type MessagingLogger } from '../logger';
import { isArchiveMarker } from './marker';
import { deliveredOffset } from './offset';
import type { ArchivedEvent } from './reader';
import { archiveNames } from './topology';

export interface ArchiveFollowOptions {
  /** The worker's own connection: the follower reopens its channel whenever that connection comes back. */
  broker: BrokerConnection;
  prefix?: string;
  catalogue: EventCatalogue;
  /** Default `catalogueCodec(catalogue)`. */
  codec?: EventCodec;
  /** Default 1 MiB, as `readArchive`: an archived event is never refused for size alone. */
  maxMessageBytes?: number;
  /** Deliveries in flight (streams require a prefetch). Default 256. */
  prefetch?: number;
  /** Called in offset order for every event appended after the follower started. A throw is logged, never fatal. */
  onEvent(record: ArchivedEvent): void;
  /** Called each time the stream is (re)opened: `resumedAt` is the offset continued from after a gap, if any. */
  onOpen?(info: { resumedAt?: number }): void;
  logger?: MessagingLogger;
  /** Wait before reopening after the stream could not be read (missing, channel lost). Default 1000 ms. */
  reopenDelayMs?: number;
}

export interface ArchiveFollower {
  /** True while a consumer is attached to the archive. */
  isFollowing(): boolean;
  stop(): Promise<void>;
}

/**
 * Follows the event archive live, read-only: no queue, no store, no position kept anywhere but in memory. For
 * observers (a dashboard pushing changes to browsers) that want to hear of every event as it is appended without
 * costing the broker a queue copy per event. It starts at the stream's next record, not its history, and after a lost
 * channel or a reconnect resumes right after the last record seen, so a short outage skips nothing that retention kept.
 * Markers of archive readers are skipped; records that do not decode are skipped (an observer has no DLQ to park them in).
 */
export function followArchive(options: ArchiveFollowOptions): ArchiveFollower {
  const connection = managed(options.broker);
  const stream = archiveNames(options.prefix).archiveStream;
  const codec = options.codec ?? catalogueCodec(options.catalogue);
  const maxBytes = options.maxMessageBytes ?? 1024 * 1024;
  const logger = options.logger ?? silentLogger;
  const reopenDelayMs = options.reopenDelayMs ?? 1000;
  let channel: Channel | undefined;
  let lastOffset: number | undefined;
  let stopped = false;
  let opening: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let lastFailure: string | undefined;
  let failures = 0;

  const scheduleOpen = (delayMs: number): void => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      open();
    }, delayMs);
  };

  const onMessage = (own: Channel, message: ConsumeMessage | null): void => {
    if (message === null) {
      // Cancelled by the broker (the stream was deleted): closing the channel brings us back through scheduleOpen.
      void own.close().catch(() => undefined);
      return;
    }
    if (own !== channel) return;
    const headers = message.properties.headers;
    const offset = deliveredOffset(headers);
    lastOffset = offset;
    if (!isArchiveMarker(headers)) {
      const decoded = codec.decode(message.content, maxBytes);
      if (decoded.ok) {
        try {
          options.onEvent({ offset, routingKey: message.fields.routingKey, event: decoded.event });
        } catch (error) {
          logger.warn({ err: (error as Error).message, offset }, 'archive follower: onEvent threw; record passed');
        }
      }
    }
    // Streams count acks as credit only; every record is acked so the prefetch window keeps refilling.
    own.ack(message);
  };

  const openOnce = async (): Promise<void> => {
    if (stopped || !connection.isConnected()) return;
    const resumedAt = lastOffset === undefined ? undefined : lastOffset + 1;
    const own = await connection.openChannel('plain');
    channel = own;
    own.on('close', () => {
      if (channel === own) channel = undefined;
      scheduleOpen(reopenDelayMs);
    });
    await own.prefetch(options.prefetch ?? 256);
    await own.consume(stream, (message) => onMessage(own, message), {
      noAck: false,
      arguments: { 'x-stream-offset': resumedAt ?? 'next' },
    });
    failures = 0;
    lastFailure = undefined;
    logger.info({ stream, from: resumedAt ?? 'next' }, 'following the event archive');
    options.onOpen?.(resumedAt === undefined ? {} : { resumedAt });
  };

  const open = (): void => {
    if (stopped || channel || opening) return;
    opening = openOnce()
      .catch((error: Error) => {
        // Typically the archive is not declared yet (order-view declares it) or the connection just went: said once
        // per cause, retried with a growing pause (up to ten times the first) rather than once a second forever.
        if (error.message !== lastFailure) logger.warn({ stream, err: error.message }, 'archive follower: cannot read the archive yet; retrying');
        lastFailure = error.message;
        failures += 1;
        channel = undefined;
        scheduleOpen(reopenDelayMs * Math.min(10, 2 ** (failures - 1)));
      })
      .finally(() => (opening = undefined));
  };

  const onConnected = (): void => open();
  connection.on('connected', onConnected);
  open();

  return {
    isFollowing: () => channel !== undefined && connection.isCurrent(channel),
    async stop() {
      stopped = true;
      connection.off('connected', onConnected);
      if (timer) clearTimeout(timer);
      await opening;
      const current = channel;
      channel = undefined;
      await current?.close().catch(() => undefined);
    },
  };
}
