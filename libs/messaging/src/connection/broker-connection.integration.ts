import assert from 'node:assert/strict';
import { startTcpProxy } from '@troupe/testing';
import { connectBroker } from './broker-connection';
import { waitFor } from '../test-support/wait-for';

const brokerPort = 5672;

describe('connectBroker (real broker)', () => {
  it('keeps retrying while the broker is unreachable at start, then connects', async () => {
    const proxy = await startTcpProxy({ targetPort: brokerPort });
    await proxy.cut();
    const broker = connectBroker({ url: `amqp://guest:guest@127.0.0.1:${proxy.port}`, reconnect: { maxDelayMs: 200 } });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(broker.isConnected(), false);
      await proxy.restore();
      await broker.whenConnected(5000);
      assert.equal(broker.isConnected(), true);
    } finally {
      await broker.close();
      await proxy.close();
    }
  });

  it('reports the loss of the socket and reconnects on its own', async () => {
    const proxy = await startTcpProxy({ targetPort: brokerPort });
    const broker = connectBroker({ url: `amqp://guest:guest@127.0.0.1:${proxy.port}`, reconnect: { maxDelayMs: 200 } });
    const events: string[] = [];
    broker.on('connected', () => events.push('connected'));
    broker.on('disconnected', () => events.push('disconnected'));
    try {
      await broker.whenConnected(5000);
      await proxy.cut();
      await waitFor(() => !broker.isConnected(), 5000, 'disconnect noticed');
      await proxy.restore();
      await waitFor(() => broker.isConnected(), 5000, 'reconnected');
      assert.deepEqual(events, ['connected', 'disconnected', 'connected']);
    } finally {
      await broker.close();
      await proxy.close();
    }
  });

  it('close() stops reconnecting and is idempotent', async () => {
    const broker = connectBroker({ url: `amqp://guest:guest@127.0.0.1:${brokerPort}` });
    await broker.whenConnected(5000);
    await broker.close();
    await broker.close();
    assert.equal(broker.isConnected(), false);
  });
});
