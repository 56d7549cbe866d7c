// A payer service in its own process, so a test can SIGKILL it at a chosen point of the pipeline.
// argv[2]: JSON { file, prefix, url, mode: 'normal' | 'kill-after-commit' | 'kill-after-publish' }.
import { orderCatalogue } from '@troupe/order-catalogue';
import { createSqliteStore, type Store } from '@troupe/persistence';
import type { Channel } from 'amqplib';
import { connectBroker, managed, type BrokerConnection } from '../connection/broker-connection';
import { createMessaging } from '../messaging';
import { noopMetrics } from '../metrics';
import { payerHandlers, payerRetryDelaysMs } from './payer';

interface ChildConfig {
  file: string;
  prefix: string;
  url: string;
  mode: 'normal' | 'kill-after-commit' | 'kill-after-publish';
}

const config = JSON.parse(process.argv[2]!) as ChildConfig;
const die = (): void => void process.kill(process.pid, 'SIGKILL');

/** Dies right after a handler transaction that wrote outbox rows commits: before any publish or ack. */
function dyingAfterCommit(store: Store): Store {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'transaction') return Reflect.get(target, property, receiver);
      return async (work: Parameters<Store['transaction']>[0]) => {
        const result = await target.transaction(work);
        if (Array.isArray(result) && result.length > 0) die();
        return result;
      };
    },
  });
}

/**
 * Dies once the reaction is confirmed by the broker and the trigger's ack is due, without sending the ack: the
 * trigger is acked as soon as its transaction is durable, while the reaction's confirm may come before or after,
 * so whichever comes second pulls the trigger.
 */
function dyingAfterPublish(broker: BrokerConnection): { published: () => void } {
  let published = false;
  let ackDue = false;
  const dieOnceBoth = (): void => {
    if (published && ackDue) die();
  };
  const connection = managed(broker);
  const openChannel = connection.openChannel.bind(connection) as (kind: 'plain' | 'confirm') => Promise<Channel>;
  connection.openChannel = (async (kind: 'plain' | 'confirm') => {
    const channel = await openChannel(kind);
    if (kind === 'plain') {
      channel.ack = () => {
        ackDue = true;
        dieOnceBoth();
      };
    }
    return channel;
  }) as typeof connection.openChannel;
  return {
    published: () => {
      published = true;
      dieOnceBoth();
    },
  };
}

async function main(): Promise<void> {
  const store = createSqliteStore({ file: config.file });
  const broker = connectBroker({ url: config.url, reconnect: { maxDelayMs: 250 } });
  const killAfterPublish = config.mode === 'kill-after-publish' ? dyingAfterPublish(broker) : undefined;
  const messaging = createMessaging({
    catalogue: orderCatalogue,
    broker,
    store: config.mode === 'kill-after-commit' ? dyingAfterCommit(store) : store,
    service: 'payer',
    prefix: config.prefix,
    handlers: payerHandlers,
    retryDelaysMs: payerRetryDelaysMs,
    outbox: { leaseMs: 300, intervalMs: 100 },
    // `published` fires once the broker confirmed the reaction.
    metrics: killAfterPublish ? { ...noopMetrics, published: killAfterPublish.published } : noopMetrics,
  });
  await broker.whenConnected(5000);
  await messaging.start();
  process.on('SIGTERM', () => {
    void (async () => {
      await messaging.stop({ timeoutMs: 2000 });
      await broker.close();
      await store.close();
      process.exit(0);
    })();
  });
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`crash-child failed: ${String(error)}\n`);
  process.exit(1);
});
