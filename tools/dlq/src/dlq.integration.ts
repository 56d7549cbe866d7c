import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sampleEvent } from '@troupe/order-catalogue/testing';
import { buildTopology, topologyNames, troupeHeaders } from '@troupe/messaging';
import { deleteTopologies, publishRaw, takeMessages, withBrokerChannel } from '@troupe/messaging/testing';
import { runDlq } from './dlq.command';
import type { DlqIo } from './dlq-io';
import { exitCodes } from './exit-codes';
import { replayedAtHeader } from './replay-properties';

const url = process.env.RABBITMQ_URL || 'amqp://guest:guest@localhost:5672';
const launcher = path.resolve(__dirname, '..', '..', 'cli', 'bin', 'troupe.js');

/** `troupe dlq …` in process, output captured. */
async function dlq(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: DlqIo = { out: (text) => out.push(text), err: (text) => err.push(text), progress: { write: () => true } };
  const code = await runDlq(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The real launcher as a child process, from outside the workspace. */
function troupe(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [launcher, 'dlq', ...args], { cwd: tmpdir(), env: { ...process.env, RABBITMQ_URL: url } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

async function readyCount(queue: string): Promise<number> {
  return withBrokerChannel(url, async (channel) => (await channel.checkQueue(queue)).messageCount);
}

/** Quorum queue counts settle a moment after a requeue or ack from another connection: poll, bounded. */
async function settledCount(queue: string, expected: number): Promise<number> {
  let count = await readyCount(queue);
  for (let tries = 0; count !== expected && tries < 100; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    count = await readyCount(queue);
  }
  return count;
}

describe('troupe dlq (real broker)', () => {
  const prefix = `dlq-it-${randomUUID().slice(0, 8)}.`;
  // A real service name (the tool refuses names no manifest has), in this run's own prefix.
  const service = 'payment-service';
  const topology = buildTopology({ prefix, service, consumes: ['stock.reserved'] });
  // Another consumer of the same event: a replay must not reach it (it handled the event the first time).
  const bystander = buildTopology({ prefix, service: 'bystander', consumes: ['stock.reserved'] });
  const bystanderQueue = topologyNames(prefix, 'bystander').consumerQueue('stock.reserved');
  const names = topologyNames(prefix, service);
  const original = names.consumerQueue('stock.reserved');
  const target = ['--service', service, '--prefix', prefix, '--url', url];
  const first = sampleEvent('stock.reserved');
  const second = sampleEvent('stock.reserved');
  const invalid = { ...sampleEvent('stock.reserved'), data: { notAField: true } };

  // What the pipeline writes when it dead-letters (see libs/messaging README), published straight into the DLQ.
  const deadLetter = (event: { id: string; type: string }, reason: string) =>
    publishRaw(url, '', names.deadLetterQueue, Buffer.from(JSON.stringify(event)), {
      messageId: event.id,
      type: event.type,
      contentType: 'application/json',
      headers: {
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
        [troupeHeaders.error]: `${reason}: handler said no`,
        [troupeHeaders.reason]: reason,
        [troupeHeaders.service]: service,
        [troupeHeaders.failedAt]: new Date().toISOString(),
        [troupeHeaders.originalRoutingKey]: 'stock.reserved',
        [troupeHeaders.originalQueue]: original,
        [troupeHeaders.retryCount]: 3,
      },
    });

  before(async () => {
    await withBrokerChannel(url, async (channel) => {
      for (const exchange of [...topology.exchanges, ...bystander.exchanges]) await channel.assertExchange(exchange.name, exchange.type, { durable: true });
      for (const queue of [...topology.queues, ...bystander.queues]) await channel.assertQueue(queue.name, { durable: true, arguments: queue.arguments });
      for (const binding of [...topology.bindings, ...bystander.bindings]) await channel.bindQueue(binding.queue, binding.exchange, binding.pattern, binding.arguments);
    });
    await deadLetter(first, 'non-recoverable');
    await deadLetter(invalid, 'retries-exhausted');
    await deadLetter(second, 'non-recoverable');
  });
  after(() => deleteTopologies(url, [topology, bystander]));

  it('lists every service without --service: its count, oldest failure and reasons; DLQs never declared say so', async () => {
    const listed = await troupe(['list', '--prefix', prefix]);
    assert.equal(listed.code, exitCodes.ok, listed.stderr);
    assert.match(listed.stdout, /^SERVICE\s+COUNT\s+OLDEST\s+TOP REASONS$/m);
    assert.match(listed.stdout, /^payment-service\s+3\s+\S+Z\s+non-recoverable \(2\), retries-exhausted \(1\)$/m);
    assert.match(listed.stdout, new RegExp(`^inventory-service\\s+-\\s+-\\s+no queue ${prefix.replaceAll('.', '\\.')}inventory-service\\.dlq`, 'm'));
    assert.match(listed.stdout, /3 dead letters in 1 of 7 DLQs/);
    const json = await dlq(['list', '--prefix', prefix, '--url', url, '--json']);
    const rows = (JSON.parse(json.out) as { services: { service: string; count: number; missing: boolean }[] }).services;
    assert.deepEqual(rows.find((row) => row.service === service), { ...rows.find((row) => row.service === service), count: 3, missing: false });
    assert.equal(rows.filter((row) => row.missing).length, 6);
    // Every letter went back: the overview only looked.
    assert.equal(await settledCount(names.deadLetterQueue, 3), 3);
  });

  it('refuses an unknown service with the list of valid ones, before touching the broker (real launcher)', async () => {
    for (const args of [['list', '--service', 'nope-service'], ['replay', '--all', '--service', 'nope-service'], ['show', 'x', '--service', 'nope-service']]) {
      const refused = await troupe([...args, '--url', 'amqp://guest:guest@127.0.0.1:9']);
      assert.equal(refused.code, exitCodes.usage, args.join(' '));
      assert.match(refused.stderr, /unknown service 'nope-service': one of analytics-service, inventory-service, .*payment-service, shipping-service/);
      assert.doesNotMatch(refused.stderr, /404|NOT.FOUND/);
    }
  });

  it('lists the dead letters without taking them off the DLQ', async () => {
    const listed = await dlq(['list', ...target]);
    assert.equal(listed.code, exitCodes.ok, listed.err);
    assert.match(listed.out, new RegExp(`${names.deadLetterQueue.replaceAll('.', '\\.')}: 3 dead letters`));
    for (const id of [first.id, invalid.id, second.id]) assert.match(listed.out, new RegExp(id));
    assert.match(listed.out, /non-recoverable: handler said no/);
    assert.equal(await settledCount(names.deadLetterQueue, 3), 3);

    const withManagement = await dlq(['list', ...target, '--management-url', process.env.RABBITMQ_MANAGEMENT_URL || 'http://localhost:15672']);
    assert.equal(withManagement.code, exitCodes.ok, withManagement.err);
    assert.match(withManagement.out, /management API \(sampled, may lag\): \d+ in .*, \d+ unacked \(incl\. the 3 this run holds\)/);
  });

  it('lists as JSON through the real launcher, and refuses a purge without --yes', async () => {
    const listed = await troupe(['list', ...target, '--json']);
    assert.equal(listed.code, exitCodes.ok, listed.stderr);
    const body = JSON.parse(listed.stdout) as { count: number; letters: { messageId: string; originalQueue: string }[] };
    assert.equal(body.count, 3);
    assert.deepEqual(body.letters.map((letter) => letter.messageId), [first.id, invalid.id, second.id]);
    assert.ok(body.letters.every((letter) => letter.originalQueue === original));

    const refused = await troupe(['purge', '--all', ...target]);
    assert.equal(refused.code, exitCodes.usage);
    assert.match(refused.stderr, /--yes/);
    assert.equal(await settledCount(names.deadLetterQueue, 3), 3);
  });

  it('shows one letter with its headers and body', async () => {
    const shown = await dlq(['show', invalid.id, ...target]);
    assert.equal(shown.code, exitCodes.ok, shown.err);
    assert.match(shown.out, /x-troupe-reason: retries-exhausted/);
    assert.match(shown.out, /"notAField": true/);
    assert.equal((await dlq(['show', 'no-such-id', ...target])).code, exitCodes.incomplete);
  });

  it('replays one letter by id to its original queue only, confirmed, then off the DLQ', async () => {
    const dry = await dlq(['replay', '--id', first.id, '--dry-run', ...target]);
    assert.equal(dry.code, exitCodes.ok, dry.err);
    assert.match(dry.out, /would replay 1, kept 0/);
    assert.equal(await settledCount(names.deadLetterQueue, 3), 3);

    const replayed = await dlq(['replay', '--id', first.id, ...target]);
    assert.equal(replayed.code, exitCodes.ok, replayed.err);
    const [arrived] = await takeMessages(url, original, 1, 10_000);
    assert.equal(arrived?.properties.messageId, first.id);
    assert.deepEqual(JSON.parse(arrived!.content.toString()), JSON.parse(JSON.stringify(first)));
    const headers = arrived!.properties.headers ?? {};
    assert.ok(headers[replayedAtHeader]);
    assert.equal(headers[troupeHeaders.reason], undefined);
    assert.equal(headers[troupeHeaders.retryCount], undefined);
    assert.equal(headers.traceparent, '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    assert.equal(await settledCount(names.deadLetterQueue, 2), 2);
  });

  it('replays the rest: the valid one goes back, the invalid one stays and is reported', async () => {
    const replayed = await dlq(['replay', '--all', '--rate', '20/s', ...target]);
    assert.equal(replayed.code, exitCodes.incomplete);
    assert.match(replayed.out, new RegExp(`kept ${invalid.id}: invalid`));
    assert.match(replayed.out, /replayed 1, kept 1/);
    const arrived = await takeMessages(url, original, 1, 10_000);
    assert.deepEqual(arrived.map((message) => message.properties.messageId), [second.id]);
    assert.equal(await settledCount(names.deadLetterQueue, 1), 1);
    const listed = await dlq(['list', ...target]);
    assert.match(listed.out, /: 1 dead letter\n/);
    assert.match(listed.out, new RegExp(invalid.id));
  });

  it('purges everything with --yes (real launcher)', async () => {
    const purged = await troupe(['purge', '--all', '--yes', ...target]);
    assert.equal(purged.code, exitCodes.ok, purged.stderr);
    assert.match(purged.stdout, /purged 1/);
    assert.equal(await settledCount(names.deadLetterQueue, 0), 0);
    assert.equal(await readyCount(original), 0);
    // Both replays were confirmed before they were acked off the DLQ, so had any reached the bystander it would be there now.
    assert.equal(await readyCount(bystanderQueue), 0);
  });

  it('exits 3 when the DLQ does not exist, asking whether the service has run with that prefix', async () => {
    const missing = await dlq(['list', '--service', 'analytics-service', '--prefix', prefix, '--url', url]);
    assert.equal(missing.code, exitCodes.broker);
    assert.match(missing.err, /cannot open .*analytics-service\.dlq.*has analytics-service run against this broker with prefix/);
  });
});
