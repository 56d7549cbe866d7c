import type { Channel } from 'amqplib';
import { connectAnyNode } from '../connection/connect-any-node';
import { managed, type BrokerConnection } from '../connection/broker-connection';
import { archiveNames, archiveQueueArguments, type ArchiveOptions } from './topology';

/**
 * Declares the events exchange, the archive stream and its `#` binding. Idempotent with equal options; a stream
 * already declared with other retention arguments is refused by the broker (PRECONDITION_FAILED), reported here
 * with what to do. Only events published after the first call are archived.
 */
export async function ensureArchive(target: BrokerConnection | string, options: ArchiveOptions = {}): Promise<string> {
  const names = archiveNames(options.prefix);
  const args = archiveQueueArguments(options);
  await withChannel(target, async (channel) => {
    await channel.assertExchange(names.eventsExchange, 'topic', { durable: true });
    try {
      await channel.assertQueue(names.archiveStream, { durable: true, arguments: args });
    } catch (error) {
      const message = (error as Error).message;
      if (!/PRECONDITION_FAILED/.test(message)) throw error;
      throw new Error(`archive ${names.archiveStream} exists with other arguments (${message}); keep its retention or change it with a policy`);
    }
    await channel.bindQueue(names.archiveStream, names.eventsExchange, '#');
  });
  return names.archiveStream;
}

/** Deletes the archive stream (tests, or retiring a namespace); the events exchange is left alone. */
export async function deleteArchive(target: BrokerConnection | string, prefix = ''): Promise<void> {
  await withChannel(target, async (channel) => {
    await channel.deleteQueue(archiveNames(prefix).archiveStream);
  });
}

async function withChannel(target: BrokerConnection | string, work: (channel: Channel) => Promise<void>): Promise<void> {
  if (typeof target !== 'string') {
    const channel = await managed(target).openChannel('plain');
    try {
      await work(channel);
    } finally {
      await channel.close().catch(() => undefined);
    }
    return;
  }
  const connection = await connectAnyNode(target);
  connection.on('error', () => undefined);
  try {
    const channel = await connection.createChannel();
    channel.on('error', () => undefined);
    await work(channel);
  } finally {
    await connection.close().catch(() => undefined);
  }
}
