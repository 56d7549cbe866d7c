import type { EventEnvelope } from '@troupe/contracts';
import type { Tracing } from '@troupe/tracing';
import type { ConsumeMessage } from 'amqplib';
import { carriedHeaders, copiedProperties, deadLetterHeaders, troupeHeaders, truncate } from '../codec/amqp-message';
import type { EventCodec } from '../codec/codec';
import type { ConfirmPublisher } from '../publish/confirm-publisher';
import { describeError, UnroutableError } from '../errors';
import { classifyFailure } from './failure-policy';
import type { EventHandler, HandlerMap } from './handler';
import { createHandlerContext } from './handler-context';
import { isInboxConflict, recordInInbox } from './inbox';
import type { MessagingLogger } from '../logger';
import type { MessagingMetrics } from '../metrics';
import type { BackgroundDispatch } from '../publish/background-dispatch';
import type { OutboxRow } from '../outbox/row';
import { retryDelayHeader, type TopologyNames } from '../topology/topology';
import type { TransactionBatcher } from './transaction-batcher';

export interface PipelineDeps {
  service: string;
  transactions: TransactionBatcher;
  codec: EventCodec;
  handlers: HandlerMap;
  publisher: ConfirmPublisher;
  /** Publishes committed rows while the delivery is acked (see BackgroundDispatch). */
  dispatch: BackgroundDispatch;
  names: TopologyNames;
  retryDelaysMs: readonly number[];
  maxMessageBytes: number;
  maxConflictReruns: number;
  leaseMs: number;
  metrics: MessagingMetrics;
  logger: MessagingLogger;
  tracing: Tracing;
  /** Re-declares the service's topology (a retry or dead letter came back unroutable); rejects on failure. */
  redeclareTopology(trigger: string): Promise<void>;
}

/**
 * `ack`: done with (handled, duplicate, retried or dead-lettered, all durably). `requeue`: could not even park
 * it (broker unavailable, or the park was returned unroutable even after re-declaring the topology).
 */
export type Settlement = 'ack' | 'requeue';

/** Where a delivery came from: the queue consumed and the routing key that queue is bound to. */
export interface DeliverySource {
  queue: string;
  routingKey: string;
}

const duplicate = Symbol('duplicate delivery');

/**
 * One delivery, start to finish: parse → validate → one transaction (inbox, handler, outbox) → hand the
 * outbox rows to the publisher → settle. Failures never escape: each ends as a retry trip or a dead letter, both published
 * mandatory with confirms before the original is acked, so a message is never lost between queues: a park the broker
 * could not route (its delay queue or DLQ deleted) re-declares the topology and is tried once more, else requeued.
 */
export class DeliveryPipeline {
  constructor(private readonly deps: PipelineDeps) {}

  /** One CONSUMER span per delivery, child of the publish span in its headers, around everything including settlement. */
  process(message: ConsumeMessage, source: DeliverySource): Promise<Settlement> {
    const { messageId, correlationId, headers } = message.properties;
    // Read from the AMQP properties (they mirror the envelope), so even a message that cannot be parsed is attributed.
    const traced = { id: String(messageId ?? ''), type: source.routingKey, correlationid: typeof correlationId === 'string' ? correlationId : undefined };
    return this.deps.tracing.withProcessSpan(traced, headers ?? {}, (traceparent) => this.processInSpan(message, source, traceparent), {
      destination: source.queue,
      routingKey: source.routingKey,
      consumer: this.deps.service,
    });
  }

  /** `traceparent`: the process span's (or the incoming one when tracing is off); the events the handler emits carry it. */
  private async processInSpan(message: ConsumeMessage, source: DeliverySource, traceparent: string | undefined): Promise<Settlement> {
    const { codec, handlers, maxMessageBytes, metrics } = this.deps;
    const decoded = codec.decode(message.content, maxMessageBytes);
    if (!decoded.ok) return this.deadLetter(message, source, decoded.reason, decoded.errors.join('; '), 'unknown');
    const event = decoded.event;
    if (event.type !== source.routingKey) {
      return this.deadLetter(message, source, 'type-mismatch', `event type '${event.type}' arrived on the '${source.routingKey}' queue`, event.type);
    }
    const handler = handlers[event.type as keyof HandlerMap] as EventHandler | undefined;
    if (!handler) return this.deadLetter(message, source, 'no-handler', `no handler for '${event.type}'`, event.type);

    const headers = message.properties.headers ?? {};
    const retryCount = Number(headers[troupeHeaders.retryCount] ?? 0) || 0;
    const started = performance.now();
    for (let conflictReruns = 0; ; conflictReruns += 1) {
      try {
        const rows = await this.handleOnce(handler, event, traceparent, retryCount);
        if (rows === duplicate) {
          metrics.duplicate(event.type);
          metrics.consumed(event.type);
          return 'ack';
        }
        metrics.handlerLatency(event.type, (performance.now() - started) / 1000);
        // Durable from here: the rows go out (now, or through the relay), so the ack need not wait for confirms.
        if (rows.length > 0) await this.deps.dispatch.handOff(rows);
        metrics.consumed(event.type);
        return 'ack';
      } catch (error) {
        if (isInboxConflict(error)) {
          metrics.duplicate(event.type);
          metrics.consumed(event.type);
          return 'ack';
        }
        metrics.failed(event.type, error instanceof Error ? error.name : 'unknown');
        const action = classifyFailure(error, { retryCount, conflictReruns, retryDelaysMs: this.deps.retryDelaysMs, maxConflictReruns: this.deps.maxConflictReruns });
        if (action.kind === 'retry-now') continue;
        this.deps.logger.warn({ eventId: event.id, type: event.type, retryCount, action: action.kind, err: describeError(error) }, 'handler failed');
        if (action.kind === 'retry-later') return this.retryLater(message, source, event.type, action.delayMs, action.attempt, error);
        return this.deadLetter(message, source, action.reason, describeError(error), event.type);
      }
    }
  }

  private handleOnce(handler: EventHandler, event: EventEnvelope, traceparent: string | undefined, retryCount: number): Promise<OutboxRow[] | typeof duplicate> {
    const { transactions, service, codec, leaseMs, logger } = this.deps;
    return transactions.run(async (session) => {
      if (!(await recordInInbox(session, service, event.id, event.type))) return duplicate;
      const rows: OutboxRow[] = [];
      const ctx = createHandlerContext(session, { codec, source: service, leaseMs, logger }, { event, traceparent, retryCount }, rows);
      await handler(event, ctx);
      return rows;
    });
  }

  private async retryLater(message: ConsumeMessage, source: DeliverySource, type: string, delayMs: number, attempt: number, error: unknown): Promise<Settlement> {
    const headers = {
      ...carriedHeaders(message.properties.headers),
      [troupeHeaders.retryCount]: attempt,
      [troupeHeaders.error]: truncate(describeError(error)),
      [troupeHeaders.originalRoutingKey]: originalRoutingKey(message),
      [retryDelayHeader]: String(delayMs),
    };
    // Routed by the delay header into its delay queue; on expiry the routing key (the queue name) brings it back.
    const parked = await this.park(this.deps.names.retryExchange, source.queue, message, headers);
    if (parked) this.deps.metrics.retried(type, attempt);
    this.deps.tracing.recordFailure(parked ? `retry ${attempt} in ${delayMs} ms` : 'requeued', error);
    return parked ? 'ack' : 'requeue';
  }

  private async deadLetter(message: ConsumeMessage, source: DeliverySource, reason: string, detail: string, type: string): Promise<Settlement> {
    const headers = deadLetterHeaders(message.properties.headers, {
      reason,
      detail,
      service: this.deps.service,
      originalRoutingKey: originalRoutingKey(message),
      originalQueue: source.queue,
    });
    delete headers[retryDelayHeader];
    this.deps.logger.warn({ queue: source.queue, reason, detail: truncate(detail, 500) }, 'dead-lettering message');
    const parked = await this.park(this.deps.names.deadLetterExchange, source.queue, message, headers);
    if (parked) this.deps.metrics.deadLettered(type, reason);
    this.deps.tracing.recordFailure(parked ? `dead-lettered: ${reason}` : 'requeued', truncate(detail, 500));
    return parked ? 'ack' : 'requeue';
  }

  private async park(exchange: string, routingKey: string, message: ConsumeMessage, headers: Record<string, unknown>): Promise<boolean> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.deps.publisher.publish(exchange, routingKey, message.content, { ...copiedProperties(message), headers });
        return true;
      } catch (error) {
        if (error instanceof UnroutableError && attempt === 1) {
          // Confirmed but delivered nowhere: acking now would lose the message. Put the topology back, try again.
          this.deps.logger.warn({ exchange, routingKey, reason: error.reason, messageId: message.properties.messageId }, 'park returned unroutable; re-declaring the topology before parking again');
          const redeclared = await this.deps.redeclareTopology('park-returned').then(
            () => true,
            () => false,
          );
          if (redeclared) continue;
        }
        this.deps.logger.warn({ exchange, err: describeError(error) }, 'could not park message; it will be redelivered');
        return false;
      }
    }
  }
}

function originalRoutingKey(message: ConsumeMessage): string {
  const recorded = message.properties.headers?.[troupeHeaders.originalRoutingKey];
  return typeof recorded === 'string' ? recorded : message.fields.routingKey;
}
