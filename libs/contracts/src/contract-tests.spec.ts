import assert from 'node:assert/strict';
import Mocha from 'mocha';
import { describeContractTests } from './contract-tests';
import { edgesOf } from './edges';
import { defineManifest } from './manifest';
import { referenceManifests } from './manifests/reference-manifests';
import { createEventValidator } from './validate-event';
import { loadCatalogue } from './catalogue';

// The contract tests of the reference system: one block per edge, derived from the manifests.
describe('contract tests of the reference manifests', () => {
  describeContractTests(referenceManifests);
});

/** Runs the harness inside a nested mocha instance and returns its failures, to prove it can fail. */
async function runHarness(declare: () => void): Promise<{ passes: number; failures: string[] }> {
  const suite = new Mocha.Suite('nested', new Mocha.Context());
  const runner = new Mocha.Runner(suite, { delay: false });
  const failures: string[] = [];
  let passes = 0;
  // Mocha's globals point at the outer run while a spec executes; re-bind them to the nested suite while declaring.
  const saved = { describe: global.describe, it: global.it };
  const stack = [suite];
  global.describe = ((title: string, fn: () => void) => {
    const child = Mocha.Suite.create(stack[stack.length - 1], title);
    stack.push(child);
    fn();
    stack.pop();
    return child;
  }) as unknown as Mocha.SuiteFunction;
  global.it = ((title: string, fn: Mocha.AsyncFunc) => {
    const test = new Mocha.Test(title, fn);
    stack[stack.length - 1].addTest(test);
    return test;
  }) as unknown as Mocha.TestFunction;
  try {
    declare();
  } finally {
    global.describe = saved.describe;
    global.it = saved.it;
  }
  runner.on('pass', () => passes++);
  runner.on('fail', (test, error: Error) => failures.push(`${test.fullTitle()}: ${error.message.split('\n')[0]}`));
  await new Promise<void>((resolve) => runner.run(() => resolve()));
  return { passes, failures };
}

describe('describeContractTests', () => {
  it('declares three tests per edge of the reference system, all passing', async () => {
    const { passes, failures } = await runHarness(() => describeContractTests(referenceManifests));
    assert.deepEqual(failures, []);
    assert.equal(passes, edgesOf(referenceManifests).length * 3 + referenceManifests.length);
  });

  it('fails an edge whose producer emits an invalid event', async () => {
    const { failures } = await runHarness(() =>
      describeContractTests(referenceManifests, {
        producerSamples: { 'payment-service': { 'payment.captured': (example) => ({ ...(example as object), oops: 1 }) as never } },
      }),
    );
    // One failure per consuming edge of payment.captured: shipping-service schedules, order-view projects.
    assert.equal(failures.length, 2);
    assert.match(failures[0], /payment-service → payment.captured → order-view .* the producer output validates/);
    assert.match(failures[1], /payment-service → payment.captured → shipping-service .* the producer output validates/);
  });

  it('fails an edge whose consumer check refuses the examples', async () => {
    const { failures } = await runHarness(() =>
      describeContractTests(referenceManifests, {
        consumerChecks: { 'shipping-service': (event) => assert.notEqual(event.type, 'payment.captured', 'cannot handle it') },
      }),
    );
    assert.deepEqual(failures.map((f) => f.replace(/:.*$/, '')), ['nested payment-service → payment.captured → shipping-service (forward) the consumer accepts every example']);
  });

  it('fails an edge when the consumer runs a schema the example does not satisfy', async () => {
    const narrowed = loadCatalogue().map((entry) =>
      entry.type === 'stock.reserved'
        ? { ...entry, schema: { ...entry.schema, examples: undefined, properties: { ...(entry.schema.properties as object), items: { type: 'array', maxItems: 1 } } } }
        : entry,
    );
    const validator = createEventValidator({ catalogue: narrowed.map((entry) => ({ ...entry, schema: JSON.parse(JSON.stringify(entry.schema)) })) });
    const { failures } = await runHarness(() => describeContractTests(referenceManifests, { validator }));
    assert.ok(failures.length >= 2 && failures.every((f) => f.includes('stock.reserved')), failures.join('\n'));
  });

  it('flags an emitted event nobody consumes unless it is declared terminal', async () => {
    const lonely = defineManifest({
      service: 'lonely-service',
      description: 'emits without listeners',
      initiates: [{ emits: 'order.created', trigger: 'test' }],
      reactions: [],
      terminal: [],
    });
    const { failures } = await runHarness(() => describeContractTests([lonely]));
    assert.deepEqual(failures.map((f) => f.replace(/:.*$/, '')), ['nested every emitted event has a consumer or is declared terminal lonely-service']);
    const terminal = defineManifest({ ...lonely, terminal: ['order.created'] });
    assert.deepEqual((await runHarness(() => describeContractTests([terminal]))).failures, []);
  });
});
