// One service of the raw replay (raw-graph.ts): a bare amqplib process, no store, no pipeline. Spawned by the bench
// with its plan in RAW_GRAPH_SERVICE; prints `ready` once its topology is declared and its consumers run, and exits
// non-zero on any broker error or consumer cancellation, so a broken replay never passes for a fast one. Each line
// `confirms N` on its stdin is answered with `confirms N <json>`: its publishes' confirm latency so far, in the buckets
// the bench passes (the workers' own; stage-latency.ts), so the bench can set the broker's share of a raw hop beside a worker's.
// Bare amqplib is the point of this baseline; RawClient (@troupe/messaging/testing) swallows errors and cancellations.
// eslint-disable-next-line @nx/enforce-module-boundaries
import amqp, { type ConsumeMessage } from 'amqplib';
import { createInterface } from 'node:readline';
import type { EventType } from '@troupe/contracts';
import { sampleEvent } from '@troupe/order-catalogue/testing';
import type { RawConsumer, RawServiceInput } from './raw-graph';
import { emptyHistogram, observe } from './stage-latency';

const input = JSON.parse(process.env.RAW_GRAPH_SERVICE ?? 'null') as RawServiceInput | null;
if (!input) {
  process.stderr.write('raw-graph-service: RAW_GRAPH_SERVICE is not set (the bench starts this process)\n');
  process.exit(2);
}
const { url, eventsExchange, plan, confirmBucketsSeconds } = input;
let stopping = false;
const confirms = emptyHistogram(confirmBucketsSeconds);

function fail(why: string): never {
  process.stderr.write(`[raw ${plan.service}] ${why}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const connection = await amqp.connect(url, { noDelay: true, clientProperties: { connection_name: `bench-raw ${plan.service}` } });
  connection.on('error', (error: Error) => fail(`connection error: ${error.message}`));
  connection.on('close', () => stopping || fail('connection closed'));
  const guard = <C extends { on(event: 'error', listener: (error: Error) => void): unknown }>(channel: C, name: string): C => {
    channel.on('error', (error: Error) => fail(`${name} channel error: ${error.message}`));
    return channel;
  };

  // The worker's topology, declared as declareTopology does (every exchange, queue, binding; idempotent).
  const admin = guard(await connection.createChannel(), 'admin');
  for (const exchange of plan.topology.exchanges) await admin.assertExchange(exchange.name, exchange.type, { durable: true });
  for (const queue of plan.topology.queues) await admin.assertQueue(queue.name, { durable: true, arguments: queue.arguments });
  for (const binding of plan.topology.bindings) await admin.bindQueue(binding.queue, binding.exchange, binding.pattern, binding.arguments);
  await admin.close();

  const publisher = guard(await connection.createConfirmChannel(), 'publisher');
  publisher.on('return', (message: ConsumeMessage) => fail(`unroutable ${message.fields.routingKey}: no queue bound`));
  const consumer = guard(await connection.createChannel(), 'consumer');
  // Quorum queues take per-consumer prefetch: the bound is per queue, as in the workers' ConsumerGroup.
  await consumer.prefetch(plan.prefetch);
  for (const queue of plan.consumers) {
    await consumer.consume(queue.queue, (message) => (message === null ? fail(`consumer of ${queue.queue} cancelled by the broker`) : react(queue, message)));
  }

  function react(queue: RawConsumer, message: ConsumeMessage): void {
    const type = queue.publishes;
    if (!type) return consumer.ack(message);
    const incoming = JSON.parse(message.content.toString()) as { id: string; correlationid: string; data: { orderId: string } };
    // A real envelope of the emitted type, of this saga, with a fresh id: what the service would publish.
    const event = sampleEvent(type as EventType, { orderId: incoming.data.orderId } as never, { source: plan.service, causedBy: incoming });
    const body = Buffer.from(JSON.stringify(event));
    const handedOver = performance.now();
    publisher.publish(eventsExchange, type, body, { persistent: true, mandatory: true, messageId: event.id, appId: plan.service, type, contentType: 'application/json' }, (error) => {
      if (error) fail(`publish of ${type} not confirmed: ${String(error)}`);
      observe(confirms, (performance.now() - handedOver) / 1000);
      consumer.ack(message);
    });
  }

  if (plan.archiveReader) {
    const reader = guard(await connection.createChannel(), 'archive');
    await reader.prefetch(plan.archiveReader.prefetch);
    await reader.consume(
      plan.archiveReader.stream,
      (message) => (message === null ? fail(`archive reader of ${plan.archiveReader!.stream} cancelled by the broker`) : reader.ack(message)),
      { noAck: false, arguments: { 'x-stream-offset': 'next' } },
    );
  }

  const stop = () => {
    stopping = true;
    void connection.close().catch(() => undefined).finally(() => process.exit(0));
  };
  process.stdin.on('error', () => undefined);
  createInterface({ input: process.stdin }).on('line', (line) => {
    const request = /^confirms (\d+)$/.exec(line.trim());
    if (request) process.stdout.write(`confirms ${request[1]} ${JSON.stringify(confirms)}\n`);
  });
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
