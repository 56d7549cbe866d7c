import assert from 'node:assert/strict';
import { boundaryErrorsAt, refreshProjectGraph } from './lint-at';

// The dependency rules of eslint.config.mjs, proven on code placed (virtually) inside real projects.
describe('module boundaries', function () {
  this.timeout(60_000);
  before(refreshProjectGraph);

  const forbidden: Array<[string, string, string, RegExp]> = [
    ['an app importing amqplib', 'apps/payment-service/src/x.ts', "import amqp from 'amqplib';", /not allowed to import "amqplib"/],
    ['the worker chassis importing amqplib', 'libs/worker/src/x.ts', "import amqp from 'amqplib';", /not allowed to import "amqplib"/],
    ['an app importing better-sqlite3', 'apps/inventory-service/src/x.ts', "import Database from 'better-sqlite3';", /not allowed to import "better-sqlite3"/],
    ['messaging importing mongodb', 'libs/messaging/src/x.ts', "import { MongoClient } from 'mongodb';", /not allowed to import "mongodb"/],
    ['persistence importing amqplib', 'libs/persistence/src/x.ts', "import amqp from 'amqplib';", /not allowed to import "amqplib"/],
    ['a lib importing the chassis above it', 'libs/messaging/src/x.ts', "import { runWorker } from '@troupe/worker';", /can only depend on libs tagged with/],
    ['contracts importing messaging', 'libs/contracts/src/x.ts', "import { connectBroker } from '@troupe/messaging';", /can only depend on libs tagged with/],
    ['the domain importing persistence', 'libs/saga/src/x.ts', "import { createStore } from '@troupe/persistence';", /can only depend on libs tagged with/],
    ['production code importing a test kit', 'libs/worker/src/x.ts', "import { startTcpProxy } from '@troupe/testing';", /can only depend on libs tagged with/],
    ['a shared lib importing the order domain', 'libs/messaging/src/x.ts', "import * as saga from '@troupe/saga';", /can only depend on libs tagged with/],
  ];

  for (const [what, file, code, expected] of forbidden) {
    it(`rejects ${what}`, async () => {
      const errors = await boundaryErrorsAt(file, `${code}\nexport const used = 1;\n`);
      assert.ok(errors.some((message) => expected.test(message)), `expected ${expected} for ${file}, got ${JSON.stringify(errors)}`);
    });
  }

  it('rejects an app importing another app', async () => {
    const errors = await boundaryErrorsAt('apps/payment-service/src/x.ts', "import '../../order-service/src/main';\n");
    assert.ok(errors.length > 0, 'a relative import into another app must be reported');
  });

  it("rejects the saga board importing a tool outside its src/tooling bridge, and the bridge importing any other tool; no other app imports a tool", async () => {
    const outside = await boundaryErrorsAt('apps/saga-board/src/routes/x.ts', "import { replayLetters } from '../../../../tools/dlq/src/replay-letters';\nexport const used = replayLetters;\n");
    assert.ok(outside.length > 0, 'a route importing the DLQ tool directly must be reported');
    const otherTool = await boundaryErrorsAt('apps/saga-board/src/tooling/x.ts', "import '../../../../tools/chaos/src/targets';\n");
    assert.ok(otherTool.length > 0, 'the bridge may import inspect, saga-map and dlq only');
    const otherApp = await boundaryErrorsAt('apps/order-view/src/x.ts', "import { replayLetters } from '../../../tools/dlq/src/replay-letters';\nexport const used = replayLetters;\n");
    assert.ok(otherApp.length > 0, 'no other app may import a tool');
  });

  const allowed: Array<[string, string, string]> = [
    ['messaging importing amqplib', 'libs/messaging/src/x.ts', "import amqp from 'amqplib';"],
    ['persistence importing better-sqlite3', 'libs/persistence/src/x.ts', "import Database from 'better-sqlite3';"],
    ['an app importing the chassis and the domain', 'apps/payment-service/src/x.ts', "import * as worker from '@troupe/worker';\nimport * as saga from '@troupe/saga';"],
    ['a chassis test importing a test kit', 'libs/worker/src/x.integration.ts', "import { startTcpProxy } from '@troupe/testing';"],
    ['the chassis importing messaging and persistence', 'libs/worker/src/x.ts', "import * as m from '@troupe/messaging';\nimport * as p from '@troupe/persistence';"],
    ["the saga board's tooling bridge importing the DLQ tool's actions", 'apps/saga-board/src/tooling/x.ts', "import { listDeadLetters } from '../../../../tools/dlq/src/dead-letter-actions';\nexport const list = listDeadLetters;"],
  ];
  for (const [what, file, code] of allowed) {
    it(`allows ${what}`, async () => {
      assert.deepEqual(await boundaryErrorsAt(file, `${code}\nexport const used = 1;\n`), []);
    });
  }
});
