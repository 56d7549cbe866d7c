// The hop under test, in a process of its own as a service would be: either the bare amqplib relay or a Troupe
// worker with its SQLite store. Driven by hop.ts over stdin/stdout, one command per line:
//   ← `ready` once consuming;  → `stats` ← JSON HopStats;  stdin closed → stops and exits.
// Run by hop.ts: node --import tsx hop-process.ts <bare|troupe> <prefix> <prefetch> <FULL|NORMAL> <file|:memory:>
import { createInterface } from 'node:readline';
import { connectBroker, createMessaging, noopMetrics, type MessagingMetrics } from '@troupe/messaging';
import { openRawClient } from '@troupe/messaging/testing';
import { orderCatalogue } from '@troupe/order-catalogue';
import { createSqliteStore } from '@troupe/persistence';
import { bareHopNames, benchBrokerUrl, troupeHopService, type HopStats } from './hop-names';

type Stop = () => Promise<void>;

/** What went other than straight through: a benchmark that measured retries or duplicates would mislead. */
const detours = { failed: 0, retried: 0, deadLettered: 0, duplicates: 0 };
const countingMetrics: MessagingMetrics = {
  ...noopMetrics,
  failed: () => void (detours.failed += 1),
  retried: () => void (detours.retried += 1),
  deadLettered: () => void (detours.deadLettered += 1),
  duplicate: () => void (detours.duplicates += 1),
};

async function startBare(prefix: string, prefetch: number): Promise<Stop> {
  const names = bareHopNames(prefix);
  const client = await openRawClient(benchBrokerUrl);
  const stopRelay = await client.relay(names.input, names.exchange, 'payment.captured', prefetch);
  return async () => {
    await stopRelay();
    await client.close();
  };
}

async function startTroupe(prefix: string, prefetch: number, synchronous: 'FULL' | 'NORMAL', file: string, walFlush: 'in-commit' | 'thread-pool'): Promise<Stop> {
  const broker = connectBroker({ url: benchBrokerUrl });
  const store = createSqliteStore({ file, synchronous, walFlush });
  const messaging = createMessaging({
    catalogue: orderCatalogue,
    broker,
    store,
    prefix,
    service: troupeHopService,
    prefetch,
    metrics: countingMetrics,
    handlers: {
      // A typical saga step: one document written, one event emitted.
      'stock.reserved': async (event, ctx) => {
        const payments = ctx.store.collection<{ _id: string; amountCents: number }>('payments');
        await payments.insert({ _id: event.data.orderId, amountCents: 100 });
        await ctx.emit('payment.captured', { orderId: event.data.orderId, paymentId: `pay_${event.id.slice(-8)}`, amountCents: 100 });
      },
    },
  });
  await broker.whenConnected(5000);
  await messaging.start();
  return async () => {
    await messaging.stop();
    await broker.close();
    await store.close();
  };
}

async function main(): Promise<void> {
  const [kind, prefix, prefetch, synchronous, file, walFlush] = process.argv.slice(2);
  const stop =
    kind === 'bare'
      ? await startBare(prefix!, Number(prefetch))
      : await startTroupe(prefix!, Number(prefetch), synchronous as 'FULL' | 'NORMAL', file!, walFlush === 'thread-pool' ? 'thread-pool' : 'in-commit');
  process.stdout.write('ready\n');
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'stats') {
      const { user, system } = process.cpuUsage();
      const stats: HopStats = { cpuMicros: user + system, ...detours };
      process.stdout.write(`${JSON.stringify(stats)}\n`);
    }
  }
  await stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
