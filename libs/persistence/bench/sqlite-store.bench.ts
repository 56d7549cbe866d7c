/**
 * Rough throughput of the embedded store on this machine: `npx tsx libs/persistence/bench/sqlite-store.bench.ts`.
 * The "consumer step" mirrors what the messaging pipeline does per message: one transaction with
 * an inbox insert, an aggregate read + versioned update, and an outbox insert.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSqliteStore, type SqliteStoreConfig, type Store, type StoredDocument } from '../src';

interface Aggregate extends StoredDocument {
  value: number;
}

async function measure(label: string, operations: number, work: (i: number) => Promise<unknown>): Promise<void> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < operations; i++) await work(i);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`${label.padEnd(66)} ${Math.round(operations / seconds).toString().padStart(8)} ops/s  (${((seconds / operations) * 1e6).toFixed(0)} µs/op)`);
}

/** `concurrency` callers each running steps one after another, as a consumer with a prefetch window loads the store. */
async function measureConcurrent(label: string, operations: number, concurrency: number, work: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < operations) await work(next++);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`${label.padEnd(66)} ${Math.round(operations / seconds).toString().padStart(8)} ops/s  (${((seconds / operations) * 1e6).toFixed(0)} µs/op)`);
}

async function consumerStep(store: Store, i: number): Promise<void> {
  await store.transaction(async (session) => {
    await session.collection('inbox').insert({ _id: `m${i}` });
    const aggregates = session.collection<Aggregate>('aggregates');
    const aggregate = (await aggregates.get(`a${i % 100}`))!;
    await aggregates.update({ ...aggregate, value: aggregate.value + 1 }, aggregate.version!);
    await session.collection('outbox').insert({ _id: `e${i}`, type: 'stock.reserved', payload: { orderId: `o${i}` } });
  });
}

async function run(label: string, config: SqliteStoreConfig, operations: number): Promise<void> {
  const store = createSqliteStore(config);
  await store.ensureIndex('outbox', { fields: ['type'] });
  for (let i = 0; i < 100; i++) await store.collection<Aggregate>('aggregates').upsert({ _id: `a${i}`, value: 0 });
  await measure(`${label}: insert (autocommit)`, operations, (i) => store.collection('docs').insert({ _id: `d${i}`, n: i, tag: `t${i % 10}` }));
  await measure(`${label}: get by _id`, operations, (i) => store.collection('docs').get(`d${i}`));
  await measure(`${label}: find on an unindexed field, limit 10`, 200, (i) => store.collection('docs').find({ tag: `t${i % 10}` }, { limit: 10 }));
  await measure(`${label}: consumer step (tx: inbox + update + outbox)`, operations, (i) => consumerStep(store, i));
  await measureConcurrent(`${label}: consumer step, 32 callers at once`, operations, 32, (i) => consumerStep(store, operations + i));
  await store.close();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'troupe-bench-'));
  try {
    await run('file, FULL, WAL synced in COMMIT (default)', { file: path.join(dir, 'full.sqlite') }, 2000);
    await run('file, FULL, WAL flushed on the thread pool', { file: path.join(dir, 'full-tp.sqlite'), walFlush: 'thread-pool' }, 2000);
    await run('file, synchronous=NORMAL', { file: path.join(dir, 'normal.sqlite'), synchronous: 'NORMAL' }, 5000);
    await run(':memory:', { file: ':memory:' }, 5000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
