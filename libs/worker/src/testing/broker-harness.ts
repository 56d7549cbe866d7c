// Integration-test harness: runs one app as real processes (one or several instances sharing one store) in its own
// RabbitMQ namespace, publishes upstream events as their producers would, and collects everything on the exchange.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toAmqpProperties, type AnyEvent, type EventEnvelope } from '@troupe/contracts';
import { archiveNames, buildTopology, topologyNames } from '@troupe/messaging';
import { deleteTopologies, openRawClient, type RawClient } from '@troupe/messaging/testing';
import { startAppProcess, waitFor, type AppProcess } from '@troupe/testing';

const until = <T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> =>
  waitFor(probe, { what, timeoutMs, intervalMs: 100 });

const brokerUrl = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

export interface BrokerHarness {
  /** Base URLs of the running instances. */
  urls: string[];
  publish(event: EventEnvelope): Promise<void>;
  /** Every event seen on the exchange so far (upstream ones included). */
  seen(): AnyEvent[];
  /** Polls until `probe` returns a value; fails naming `what` after the deadline. */
  until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

export interface BrokerHarnessOptions {
  service: string;
  /** Entry file relative to the workspace root, e.g. `apps/payment-service/src/main.ts`. */
  entry: string;
  /** The routing keys the service consumes, so its queues can be deleted afterwards. */
  consumes: string[];
  /** Default 1; more instances share one DATA_DIR, hence one store. */
  instances?: number;
  env?: Record<string, string>;
}

export async function startOnBroker(options: BrokerHarnessOptions): Promise<BrokerHarness> {
  const prefix = `test-${options.service}-${process.pid}-${Date.now()}.`;
  const names = topologyNames(prefix, '');
  const collector = `${prefix}collector`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `troupe-${options.service}-`));
  const env = { RABBITMQ_URL: brokerUrl, RABBITMQ_PREFIX: prefix, DATA_DIR: dataDir, ...options.env };
  const seen: AnyEvent[] = [];
  const processes: AppProcess[] = [];
  let raw: RawClient | undefined;

  const stop = async () => {
    await Promise.all(processes.map((app) => app.stop()));
    if (raw) {
      await raw.deleteQueue(collector).catch(() => undefined);
      await raw.close();
    }
    await deleteTopologies(brokerUrl, [buildTopology({ prefix, service: options.service, consumes: options.consumes })]).catch(() => undefined);
    const cleanup = await openRawClient(brokerUrl).catch(() => undefined);
    // The service declares the archive stream of its namespace (a read side reads it); no topology of its own lists it.
    await cleanup?.deleteQueue(archiveNames(prefix).archiveStream).catch(() => undefined);
    await cleanup?.deleteExchange(names.eventsExchange).catch(() => undefined);
    await cleanup?.close();
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    for (let i = 0; i < (options.instances ?? 1); i++) processes.push(await startAppProcess({ entry: options.entry, env }));
    const urls = processes.map((app) => app.url);
    for (const url of urls) {
      await until(`${url} healthy`, async () => ((await fetch(`${url}/health`).catch(() => undefined))?.status === 200 ? true : undefined));
    }
    raw = await openRawClient(brokerUrl);
    await raw.declareBoundQueue(collector, names.eventsExchange, '#');
    await raw.consume(collector, (body) => seen.push(JSON.parse(body.toString()) as AnyEvent));
    const client = raw;
    return {
      urls,
      publish: (event) => client.publish(names.eventsExchange, event.type, Buffer.from(JSON.stringify(event)), toAmqpProperties(event)),
      seen: () => [...seen],
      until,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
