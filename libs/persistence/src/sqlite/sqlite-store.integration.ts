import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StoreUnavailableError } from '../errors';
import type { StoredDocument } from '../store';
import { describeStoreContract } from '../testing';
import { createSqliteStore } from './sqlite-store';

interface Counter extends StoredDocument {
  value: number;
}

const tempDir = mkdtempSync(path.join(os.tmpdir(), 'troupe-sqlite-'));
const fileFor = (name: string) => path.join(tempDir, 'nested', `${name}.sqlite`);

describeStoreContract('sqlite file', (key) => createSqliteStore({ file: fileFor(key) }), {
  durable: true,
  cleanup: async () => rmSync(tempDir, { recursive: true, force: true }),
});

function lines(child: ChildProcess): AsyncIterable<string> {
  const queue: string[] = [];
  let wake: (() => void) | undefined;
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    queue.push(...parts);
    wake?.();
  });
  return {
    async *[Symbol.asyncIterator]() {
      for (;;) {
        while (queue.length > 0) yield queue.shift()!;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}

async function nextLine(iterator: AsyncIterator<string>): Promise<string> {
  const { value, done } = await iterator.next();
  assert.ok(!done, 'child process closed its output early');
  return value;
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('sqlite store: several connections and processes on one file', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'troupe-sqlite-multi-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('two processes incrementing one counter concurrently with optimistic retries reach the exact total', async function () {
    this.timeout(120_000);
    const file = path.join(dir, 'shared.sqlite');
    const setup = createSqliteStore({ file });
    await setup.collection<Counter>('counters').insert({ _id: 'shared', value: 0 });
    await setup.close();

    const increments = 150;
    const fixture = path.join(__dirname, 'fixtures', 'increment-counter.ts');
    const children = [0, 1].map(() =>
      spawn(process.execPath, ['--import', 'tsx', fixture, file, String(increments)], { stdio: ['pipe', 'pipe', 'inherit'] }),
    );
    const outputs = children.map((child) => lines(child)[Symbol.asyncIterator]());
    const exits = children.map(exitCode);
    for (const output of outputs) assert.equal(await nextLine(output), 'ready');
    for (const child of children) child.stdin!.write('go\n');
    const reports = await Promise.all(outputs.map(async (output) => JSON.parse(await nextLine(output)) as { conflicts: number }));
    assert.deepEqual(await Promise.all(exits), [0, 0]);

    const check = createSqliteStore({ file });
    const counter = await check.collection<Counter>('counters').get('shared');
    await check.close();
    assert.equal(counter?.value, 2 * increments, `lost updates (conflicts retried: ${reports.map((r) => r.conflicts).join(' + ')})`);
    assert.equal(counter?.version, 2 * increments + 1);
  });

  it('another connection reads the last committed state while a transaction is open, then sees the commit', async () => {
    const file = path.join(dir, 'isolation.sqlite');
    const writer = createSqliteStore({ file });
    const reader = createSqliteStore({ file });
    let release = () => {};
    try {
      await writer.collection<Counter>('counters').insert({ _id: 'c', value: 1 });
      const released = new Promise<void>((resolve) => (release = resolve));
      let signalWritten!: () => void;
      const written = new Promise<void>((resolve) => (signalWritten = resolve));
      const transaction = writer.transaction(async (session) => {
        await session.collection<Counter>('counters').update({ _id: 'c', value: 2 }, 1);
        await session.collection<Counter>('counters').insert({ _id: 'd', value: 1 });
        signalWritten();
        await released;
      });
      await written;
      assert.deepEqual(await reader.collection<Counter>('counters').get('c'), { _id: 'c', value: 1, version: 1 });
      assert.equal(await reader.collection('counters').count(), 1);
      release();
      await transaction;
      assert.equal((await reader.collection<Counter>('counters').get('c'))?.value, 2);
      assert.equal(await reader.collection('counters').count(), 2);
    } finally {
      release(); // a failed assertion must not leave the transaction (and close) waiting forever
      await writer.close();
      await reader.close();
    }
  });

  it('a write blocked by another connection beyond busyTimeoutMs fails with StoreUnavailableError, and nothing is half-written', async () => {
    const file = path.join(dir, 'busy.sqlite');
    const holder = createSqliteStore({ file });
    const impatient = createSqliteStore({ file, busyTimeoutMs: 50 });
    let release = () => {};
    try {
      await impatient.collection<Counter>('counters').insert({ _id: 'seed', value: 0 });
      const released = new Promise<void>((resolve) => (release = resolve));
      let signalLocked!: () => void;
      const locked = new Promise<void>((resolve) => (signalLocked = resolve));
      const holding = holder.transaction(async (session) => {
        await session.collection<Counter>('counters').insert({ _id: 'held', value: 1 });
        signalLocked();
        await released;
      });
      await locked;
      await assert.rejects(impatient.collection<Counter>('counters').insert({ _id: 'blocked', value: 1 }), (error: unknown) => {
        assert.ok(error instanceof StoreUnavailableError);
        assert.match(error.message, /busy\.sqlite.*locked by another connection.*50 ms/);
        return true;
      });
      await assert.rejects(impatient.transaction(async () => undefined), StoreUnavailableError);
      release();
      await holding;
      await impatient.collection<Counter>('counters').insert({ _id: 'blocked', value: 1 });
      assert.deepEqual((await impatient.collection<Counter>('counters').find()).map((c) => c._id), ['blocked', 'held', 'seed']);
    } finally {
      release();
      await holder.close();
      await impatient.close();
    }
  });
});
