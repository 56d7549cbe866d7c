// Integration-test harness: runs this app as real processes (one or several instances on one store) in its own
// RabbitMQ namespace, publishes upstream events as their producers would, and collects everything on the exchange.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toAmqpProperties, type AnyEvent, type EventEnvelope } from '@troupe/contracts';
import { buildTopology, topologyNames } from '@troupe/messaging';
import { deleteTopologies, openRawClient, type RawClient } from '@troupe/messaging/testing';

const brokerUrl = 'amqp://guest:guest@127.0.0.1:5672';
const root = path.resolve(__dirname, '../../../..');

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

function startInstance(entry: string, env: Record<string, string>): { child: ChildProcess; url: Promise<string> } {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(root, entry)], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^"\s]+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${entry} exited ${code} before listening:\n${output.slice(-2000)}`)));
  });
  return { child, url };
}

export async function startOnBroker(options: { service: string; entry: string; consumes: string[]; instances?: number }): Promise<BrokerHarness> {
  const prefix = `test-${options.service}-${process.pid}-${Date.now()}.`;
  const names = topologyNames(prefix, '');
  const collector = `${prefix}collector`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `troupe-${options.service}-`));
  const env = { RABBITMQ_URL: brokerUrl, RABBITMQ_PREFIX: prefix, DATA_DIR: dataDir };
  const instances = Array.from({ length: options.instances ?? 1 }, () => startInstance(options.entry, env));
  const seen: AnyEvent[] = [];
  let raw: RawClient | undefined;

  const until: BrokerHarness['until'] = async (what, probe, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const stop = async () => {
    await Promise.all(
      instances.map(({ child }) =>
        child.exitCode !== null ? undefined : new Promise<void>((resolve) => {
          const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
          child.once('exit', () => (clearTimeout(kill), resolve()));
          child.kill('SIGTERM');
        }),
      ),
    );
    if (raw) {
      await raw.deleteQueue(collector).catch(() => undefined);
      await raw.close();
    }
    await deleteTopologies(brokerUrl, [buildTopology({ prefix, service: options.service, consumes: options.consumes })]).catch(() => undefined);
    await (async () => {
      const cleanup = await openRawClient(brokerUrl);
      await cleanup.deleteExchange(names.eventsExchange).catch(() => undefined);
      await cleanup.close();
    })().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const urls = await Promise.all(instances.map((instance) => instance.url));
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
