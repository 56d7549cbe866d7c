import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { brokerConnectionsNamed, closeBrokerConnectionsNamed } from '@troupe/testing';
import { connectBroker } from './broker-connection';
import type { HandlerMap } from '../consume/handler';
import type { MessagingLogger } from '../logger';
import { noopMetrics } from '../metrics';
import type { OutboxRow } from '../outbox/row';
import { brokerUrl, countEffect, effectCount, Harness, stockReserved, totalEffects } from '../test-support/harness';
import { waitFor } from '../test-support/wait-for';
import { publishRaw, withBrokerChannel } from '../testing';
import { topologyNames } from '../topology/topology';

interface LogLine {
  level: string;
  message: string;
  fields: Record<string, unknown>;
}

function recordingLogger(lines: LogLine[]): MessagingLogger {
  const record = (level: string) => (fields: Record<string, unknown>, message: string) => void lines.push({ level, message, fields });
  return { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}

/** A loopback port nothing listens on: bound once by us, then released, so connecting to it is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** What a double or misdirected ack does: the broker closes the channel with 406 PRECONDITION_FAILED, unknown delivery tag. */
function ackErrors(lines: readonly LogLine[]): LogLine[] {
  return lines.filter((line) => /PRECONDITION_FAILED|unknown delivery tag|406/.test(`${line.message} ${JSON.stringify(line.fields)}`));
}

const connectedNodes = (lines: readonly LogLine[]) => lines.filter((line) => line.message === 'broker connected').map((line) => line.fields['node']);

describe('a broker given as a list of nodes (real broker)', function () {
  this.timeout(60_000);
  let harness: Harness;
  beforeEach(() => (harness = new Harness()));
  afterEach(() => harness.dispose());

  it('skips a dead first node at once and connects, consumes and publishes on the live one', async () => {
    const dead = await closedPort();
    const lines: LogLine[] = [];
    const downstream = await harness.service({ service: 'shipper', handlers: { 'payment.captured': async (event, ctx) => countEffect(ctx.store, event.data.orderId) } });
    const payer = await harness.service({
      service: 'payer',
      url: `amqp://guest:guest@127.0.0.1:${dead},${brokerUrl}`,
      brokerOptions: { firstNode: 0, logger: recordingLogger(lines) },
      handlers: {
        'stock.reserved': async (event, ctx) => {
          await countEffect(ctx.store, event.data.orderId);
          await ctx.emit('payment.captured', { orderId: event.data.orderId, paymentId: 'pay_1', amountCents: 100 });
        },
      },
    });
    assert.deepEqual(connectedNodes(lines), ['127.0.0.1:5672']);
    assert.equal(payer.broker.connectedNode(), '127.0.0.1:5672');
    // The dead node was passed over within the first round, not after a back-off.
    assert.deepEqual(lines.filter((line) => line.message === 'broker reconnect scheduled'), []);
    assert.match(String(lines.find((line) => line.message === 'broker node unreachable; trying the next')?.fields['node']), new RegExp(`^127\\.0\\.0\\.1:${dead}$`));
    assert.doesNotMatch(JSON.stringify(lines), /guest:guest/, 'no credentials in the connection log');

    const event = stockReserved();
    await publishRaw(brokerUrl, topologyNames(harness.prefix, 'payer').eventsExchange, 'stock.reserved', Buffer.from(JSON.stringify(event)), { messageId: event.id });
    await waitFor(async () => (await effectCount(downstream.store, event.data.orderId)) === 1, 10_000, 'the payer consumed and its reaction reached downstream');
    assert.equal(await effectCount(payer.store, event.data.orderId), 1);
  });

  it('with only dead nodes, whenConnected rejects naming each node and its failure', async () => {
    const [first, second] = [await closedPort(), await closedPort()];
    const broker = connectBroker({ url: [`amqp://guest:guest@127.0.0.1:${first}`, `amqp://guest:guest@127.0.0.1:${second}`], firstNode: 0, reconnect: { initialDelayMs: 50, maxDelayMs: 100 } });
    try {
      await assert.rejects(broker.whenConnected(1500), (error: Error) => {
        assert.match(error.message, new RegExp(`^broker not connected within 1500 ms: 127\\.0\\.0\\.1:${first}: .*ECONNREFUSED.*; 127\\.0\\.0\\.1:${second}: .*ECONNREFUSED`));
        assert.doesNotMatch(error.message, /guest/);
        return true;
      });
      assert.equal(broker.isConnected(), false);
    } finally {
      await broker.close();
    }
  });

  it('refuses a list it cannot use at once, naming the element and not its password', () => {
    assert.throws(() => connectBroker({ url: `${brokerUrl},,amqp://u:s3cret@127.0.0.1:5672` }), (error: Error) => error.name === 'BrokerUrlError' && /element 2 of 3 is empty/.test(error.message) && !error.message.includes('s3cret'));
  });

  describe('when the broker closes the connection (a node going away)', () => {
    // Two URLs of the one local broker, so the move to "another node" is visible in which URL the connection is on.
    const nodes = [brokerUrl, 'amqp://guest:guest@localhost:5672'];

    async function closeAndAwaitFailover(name: string, broker: { isConnected(): boolean; connectedNode(): string | undefined }) {
      await waitFor(async () => (await brokerConnectionsNamed(name)).length > 0, 15_000, 'the management API lists the connection');
      const before = broker.connectedNode();
      assert.equal(await closeBrokerConnectionsNamed(name, 'failover test: node going away'), 1);
      await waitFor(() => !broker.isConnected() || broker.connectedNode() !== before, 10_000, 'the loss noticed');
      await waitFor(() => broker.isConnected(), 10_000, 'reconnected');
      return { before, after: broker.connectedNode() };
    }

    it('reconnects to the next node and resumes; a delivery in flight at the drop is never acked on the new connection, its redelivery is absorbed by the inbox', async () => {
      const lines: LogLine[] = [];
      const name = `failover-${randomUUID().slice(0, 8)}`;
      const held = randomUUID();
      let entered = false;
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let duplicates = 0;
      const handlers: HandlerMap = {
        'stock.reserved': async (event, ctx) => {
          if (event.data.orderId === held && !entered) {
            entered = true;
            await released;
          }
          await countEffect(ctx.store, event.data.orderId);
          await ctx.emit('payment.captured', { orderId: event.data.orderId, paymentId: `pay_${event.id.slice(0, 8)}`, amountCents: 100 });
        },
      };
      const downstream = await harness.service({ service: 'shipper', handlers: { 'payment.captured': async (event, ctx) => countEffect(ctx.store, event.data.orderId) } });
      const payer = await harness.service({
        service: 'payer',
        url: nodes,
        brokerOptions: { firstNode: 0, connectionName: name, logger: recordingLogger(lines) },
        logger: recordingLogger(lines),
        metrics: { ...noopMetrics, duplicate: () => void (duplicates += 1) },
        handlers,
      });
      const exchange = topologyNames(harness.prefix, 'payer').eventsExchange;
      const publish = async (orderId: string) => {
        const event = stockReserved(orderId);
        await publishRaw(brokerUrl, exchange, 'stock.reserved', Buffer.from(JSON.stringify(event)), { messageId: event.id });
      };

      await publish(held);
      await waitFor(() => entered, 10_000, 'the held delivery is in its handler, unacked');
      const { before, after } = await closeAndAwaitFailover(name, payer.broker);
      assert.equal(before, '127.0.0.1:5672');
      assert.equal(after, 'localhost:5672', 'the next round started at the node after the lost one');
      assert.equal(connectedNodes(lines).length, 2);
      assert.equal(lines.find((line) => line.message === 'broker connected' && line.fields['failedOverFrom'])?.fields['failedOverFrom'], '127.0.0.1:5672');

      // The old delivery settles now, with the new connection live: it must not be acked there.
      release();
      const others = Array.from({ length: 50 }, () => randomUUID());
      for (const orderId of others) await publish(orderId);
      const all = [held, ...others];
      await waitFor(async () => (await totalEffects(downstream.store)).keys === all.length, 20_000, 'every reaction downstream');
      await waitFor(async () => payer.messaging.isReady(), 10_000, 'the payer ready on the new connection');

      for (const orderId of all) {
        assert.equal(await effectCount(payer.store, orderId), 1, `payer effect of ${orderId} once`);
        assert.equal(await effectCount(downstream.store, orderId), 1, `downstream effect of ${orderId} once`);
      }
      assert.ok(duplicates >= 1, 'the held delivery came back after the drop and the inbox recognised it');
      assert.deepEqual(ackErrors(lines), [], 'no channel closed for an unknown delivery tag: nothing acked twice or on the wrong channel');
      assert.ok(lines.some((line) => line.message === 'channel gone; the broker will redeliver'), 'the old delivery was left to the broker');

      // Nothing left unacked or ready in the payer's queue once it stops: every delivery was acked exactly where it belonged.
      await payer.messaging.stop({ timeoutMs: 5000 });
      const queue = topologyNames(harness.prefix, 'payer').consumerQueue('stock.reserved');
      const { messageCount } = await withBrokerChannel(brokerUrl, (channel) => channel.checkQueue(queue));
      assert.equal(messageCount, 0);
    });

    it('publishes that were unconfirmed when the connection went are published again from the outbox, none counted as sent before its confirm', async () => {
      const lines: LogLine[] = [];
      const name = `failover-${randomUUID().slice(0, 8)}`;
      const downstream = await harness.service({ service: 'shipper', handlers: { 'payment.captured': async (event, ctx) => countEffect(ctx.store, event.data.orderId) } });
      const producer = await harness.service({
        service: 'payer',
        url: nodes,
        brokerOptions: { firstNode: 0, connectionName: name, logger: recordingLogger(lines) },
        logger: recordingLogger(lines),
        outbox: { intervalMs: 200, leaseMs: 1000 },
      });
      await waitFor(async () => (await brokerConnectionsNamed(name)).length > 0, 15_000, 'the management API lists the connection');

      // Committed and handed to the publisher, most not yet confirmed, when the broker closes the connection.
      const orders = Array.from({ length: 300 }, () => randomUUID());
      await Promise.all(
        orders.map((orderId) =>
          producer.messaging.transaction(async (_session, outbox) => {
            await outbox.emit('payment.captured', { orderId, paymentId: `pay_${orderId.slice(0, 8)}`, amountCents: 100 });
          }),
        ),
      );
      await closeBrokerConnectionsNamed(name, 'failover test: node going away');
      await waitFor(() => producer.broker.isConnected() && producer.broker.connectedNode() === 'localhost:5672', 10_000, 'failed over');

      await waitFor(async () => (await totalEffects(downstream.store)).keys === orders.length, 30_000, 'every event downstream');
      const effects = await totalEffects(downstream.store);
      assert.equal(effects.max, 1, 'each event applied once downstream');
      await waitFor(async () => (await producer.store.collection<OutboxRow>('troupe_outbox').find({ status: 'pending' })).length === 0, 10_000, 'every outbox row marked sent');
      const failed = lines.filter((line) => line.message === 'outbox rows left for the relay').reduce((sum, line) => sum + Number(line.fields['failed'] ?? 0), 0);
      // Not asserted: how many were in flight at the drop depends on timing; reported so a run shows the path was taken.
      console.log(`      (${failed} of ${orders.length} publishes failed with the connection and went out again through the relay)`);
      assert.deepEqual(ackErrors(lines), []);
    });
  });
});
