// The hop under test, in a process of its own as a service would be: either the bare amqplib relay or a Troupe
// worker with its SQLite store. Driven by hop.ts over stdin/stdout, one command per line:
//   ← `ready` once consuming;  → `cpu` ← this process's CPU µs so far;  stdin closed → stops and exits.
// Run by hop.ts: node --import tsx hop-process.ts <bare|troupe> <prefix> <prefetch> <FULL|NORMAL> <file|:memory:>
import { createInterface } from 'node:readline';
import { connectBroker, createMessaging } from '@troupe/messaging';
import { openRawClient } from '@troupe/messaging/testing';
import { createSqliteStore } from '@troupe/persistence';
import { bareHopNames, benchBrokerUrl, troupeHopService } from './hop-names';

type Stop = () => Promise<void>;

async function startBare(prefix: string, prefetch: number): Promise<Stop> {
  const names = bareHopNames(prefix);
  const client = await openRawClient(benchBrokerUrl);
  const stopRelay = await client.relay(names.input, names.exchange, 'payment.captured', prefetch);
  return async () => {
    await stopRelay();
    await client.close();
  };
}

async function startTroupe(prefix: string, prefetch: number, synchronous: 'FULL' | 'NORMAL', file: string): Promise<Stop> {
  const broker = connectBroker({ url: benchBrokerUrl });
  const store = createSqliteStore({ file, synchronous });
  const messaging = createMessaging({
    broker,
    store,
    prefix,
    service: troupeHopService,
    prefetch,
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
  const [kind, prefix, prefetch, synchronous, file] = process.argv.slice(2);
  const stop = kind === 'bare' ? await startBare(prefix!, Number(prefetch)) : await startTroupe(prefix!, Number(prefetch), synchronous as 'FULL' | 'NORMAL', file!);
  process.stdout.write('ready\n');
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.stdout.write(`${user + system}\n`);
    }
  }
  await stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
