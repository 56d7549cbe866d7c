import assert from 'node:assert/strict';
import type { EventOf } from '@troupe/contracts';
import type { HandlerMap } from './handler';
import { countEffect, effectCount, Harness, stockReserved, totalEffects, brokerUrl } from '../test-support/harness';
import { publishRaw, takeMessages } from '../testing';
import { topologyNames } from '../topology/topology';
import { noopMetrics } from '../metrics';
import { waitFor } from '../test-support/wait-for';

const payerHandlers: HandlerMap = {
  'stock.reserved': async (event, ctx) => {
    await countEffect(ctx.store, event.data.orderId);
    await ctx.emit('payment.captured', { orderId: event.data.orderId, paymentId: `pay_${event.id.slice(0, 8)}`, amountCents: 100 });
  },
};

describe('messaging pipeline (real broker, SQLite store)', () => {
  let harness: Harness;
  beforeEach(() => (harness = new Harness()));
  afterEach(() => harness.dispose());

  it('handles an event once, publishes its reaction with causation, correlation, AMQP properties and traceparent', async () => {
    const payer = await harness.service({ service: 'payer', handlers: payerHandlers });
    const seen: Array<EventOf<'payment.captured'>> = [];
    const shipper = await harness.service({
      service: 'shipper',
      handlers: { 'payment.captured': async (event, ctx) => (seen.push(event), countEffect(ctx.store, event.data.orderId)) },
    });
    const cause = stockReserved();
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    await publishRaw(brokerUrl, topologyNames(harness.prefix, 'x').eventsExchange, 'stock.reserved', Buffer.from(JSON.stringify(cause)), { headers: { traceparent } });

    await waitFor(async () => (await effectCount(shipper.store, cause.data.orderId)) === 1, 10_000, 'downstream effect');
    assert.equal(await effectCount(payer.store, cause.data.orderId), 1);
    const [reaction] = seen;
    assert.equal(reaction!.causationid, cause.id);
    assert.equal(reaction!.correlationid, cause.correlationid);
    assert.equal(reaction!.source, 'payer');
    const outbox = await payer.store.collection<{ _id: string; status: string; traceparent?: string }>('troupe_outbox').get(reaction!.id);
    assert.equal(outbox?.traceparent, traceparent);
    await waitFor(async () => (await payer.store.collection<{ _id: string; status: string }>('troupe_outbox').get(reaction!.id))?.status === 'sent', 5000, 'row marked sent');
  });

  it('mirrors the envelope into AMQP properties and carries traceparent in headers', async () => {
    await harness.service({ service: 'payer', handlers: payerHandlers });
    const tap = await harness.service({ service: 'tap', handlers: { 'payment.captured': async () => undefined } });
    await tap.messaging.stop();
    const cause = stockReserved();
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    await publishRaw(brokerUrl, topologyNames(harness.prefix, 'x').eventsExchange, 'stock.reserved', Buffer.from(JSON.stringify(cause)), { headers: { traceparent } });
    const [message] = await takeMessages(brokerUrl, topologyNames(harness.prefix, 'tap').consumerQueue('payment.captured'), 1, 10_000);
    assert.ok(message, 'reaction published');
    const body = JSON.parse(message.content.toString()) as EventOf<'payment.captured'>;
    assert.equal(message.properties.messageId, body.id);
    assert.equal(message.properties.type, 'payment.captured');
    assert.equal(message.properties.appId, 'payer');
    assert.equal(message.properties.correlationId, cause.correlationid);
    assert.equal(message.properties.contentType, 'application/json');
    assert.equal(message.properties.timestamp, Math.floor(Date.parse(body.time) / 1000));
    assert.equal(message.properties.deliveryMode, 2);
    assert.equal(message.properties.headers?.traceparent, traceparent);
  });

  it('gives one effect when the same message id is delivered twice', async () => {
    const payer = await harness.service({ service: 'payer', handlers: payerHandlers });
    const exchange = topologyNames(harness.prefix, 'x').eventsExchange;
    const event = stockReserved();
    const body = Buffer.from(JSON.stringify(event));
    await publishRaw(brokerUrl, exchange, 'stock.reserved', body);
    await publishRaw(brokerUrl, exchange, 'stock.reserved', body);
    const marker = stockReserved();
    await publishRaw(brokerUrl, exchange, 'stock.reserved', Buffer.from(JSON.stringify(marker)));
    await waitFor(async () => (await effectCount(payer.store, marker.data.orderId)) === 1, 10_000, 'marker handled after both copies');
    assert.equal(await effectCount(payer.store, event.data.orderId), 1);
    assert.equal(await payer.store.collection('troupe_outbox').count(), 2, 'one reaction per distinct event');
  });

  it('gives one effect per message id when copies race to two instances sharing the service store', async () => {
    const consumedBy = [0, 0];
    const counting = (index: number) => ({ ...noopMetrics, consumed: () => void (consumedBy[index]! += 1) });
    const first = await harness.service({ service: 'payer', handlers: payerHandlers, prefetch: 4, metrics: counting(0) });
    await harness.service({ service: 'payer', handlers: payerHandlers, prefetch: 4, store: first.store, metrics: counting(1) });
    const exchange = topologyNames(harness.prefix, 'x').eventsExchange;
    const events = Array.from({ length: 20 }, () => stockReserved());
    await Promise.all(events.flatMap((event) => [1, 2, 3].map(() => publishRaw(brokerUrl, exchange, 'stock.reserved', Buffer.from(JSON.stringify(event))))));
    await waitFor(() => consumedBy[0]! + consumedBy[1]! === 60, 15_000, 'all 60 copies consumed');
    assert.ok(consumedBy[0]! > 0 && consumedBy[1]! > 0, `both instances consumed (${consumedBy.join('/')})`);
    assert.deepEqual(await totalEffects(first.store), { keys: 20, sum: 20, max: 1 });
    assert.equal(await first.store.collection('troupe_outbox').count(), 20, 'one reaction per distinct event');
  });
});
