import path from 'node:path';
import { pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';
import {

  analyzeProfiles,
  appOfProfile,
  appsByPid,
  bundleFit,
  bundleModules,
  classifyStack,
  frameOf,
  parseProfileFileName,
  renderMarkdown,
  renderText,
  type CallFrame,
  type CpuProfile,
  type ModuleMap,
  type ProfileInput,
} from './cpu-by-stage';

/** A frame's URL as V8 writes it, under a checkout of this repository anywhere. */
const fileUrl = (relative: string): string => pathToFileURL(path.join('/checkout', relative)).href;

// A tiny bundle: esbuild's `// path` comment before each module. Frames point into it by (0-based) line.
const bundle = [
  '"use strict";', // 0
  '// libs/contracts/src/parse-message.ts', // 1
  'function parseMessage(body, maxBytes) {', // 2
  '// libs/messaging/src/consume/inbox.ts', // 3
  'async function recordInInbox(session, service, messageId, type) {', // 4
  '// libs/persistence/src/sqlite/sqlite-collection.ts', // 5
  '  insert(doc) { return this.run("insert", doc?._id, () => {', // 6
  '// apps/inventory-service/src/handlers/reserve-stock-handler.ts', // 7
  'async function reserveStock(event, ctx) {', // 8
  '// libs/messaging/src/publish/confirm-publisher.ts', // 9
  '  const written = channel.publish(exchange, routingKey, body, properties, (error) => {', // 10
].join('\n');
const bundleUrl = fileUrl('dist/apps/inventory-service/main.js');
const modules = bundleModules(bundle);
const modulesOf = (url: string): ModuleMap | undefined => (url === bundleUrl ? modules : undefined);

const frame = (functionName: string, url = '', lineNumber = -1): CallFrame => ({ functionName, url, lineNumber, columnNumber: 0 });
const inBundle = (functionName: string, line: number) => frame(functionName, bundleUrl, line);
const amqplib = (functionName: string, file: string) => frame(functionName, fileUrl(`node_modules/amqplib/lib/${file}`), 10);
const node = (functionName: string, url: string) => frame(functionName, url, 10);

const f = {
  tick: node('processTicksAndRejections', 'node:internal/process/task_queues'),
  microtasks: frame('runMicrotasks'),
  immediate: node('processImmediate', 'node:internal/timers'),
  parseMessage: inBundle('parseMessage', 2),
  ajvValidate: frame('validate10', '', 2),
  ajvRuntime: frame('ucs2length', fileUrl('node_modules/ajv/dist/runtime/ucs2length.js'), 3),
  ack: amqplib('ack', 'channel_model.js'),
  publish: amqplib('publish', 'channel_model.js'),
  sendImmediately: amqplib('sendImmediately', 'channel.js'),
  socketWrite: node('Socket._write', 'node:net'),
  writeBuffer: frame('writeBuffer'),
  handleConfirm: amqplib('handleConfirm', 'channel.js'),
  confirmCallback: inBundle('', 10),
  recordInInbox: inBundle('recordInInbox', 4),
  insertClosure: inBundle('', 6),
  reserveStock: inBundle('reserveStock', 8),
  compile: node('Module._compile', 'node:internal/modules/cjs/loader'),
  gc: frame('(garbage collector)'),
  idle: frame('(idle)'),
};

/** Leaf last, as one reads a stack top-down from the root. */
const classify = (...rootToLeaf: CallFrame[]) => classifyStack(rootToLeaf.map((callFrame) => frameOf(callFrame, modulesOf)).reverse());

describe('cpu-by-stage classification', () => {
  it('counts an ajv frame under a decode as validate, and the decode itself as parse', () => {
    assert.equal(classify(f.tick, f.parseMessage, f.ajvValidate), 'validate');
    assert.equal(classify(f.tick, f.parseMessage, f.ajvValidate, f.ajvRuntime), 'validate');
    assert.equal(classify(f.tick, f.parseMessage), 'parse');
  });

  it('counts a socket write under an amqplib ack as ack, under a publish as publish', () => {
    assert.equal(classify(f.immediate, f.ack, f.sendImmediately, f.socketWrite, f.writeBuffer), 'ack');
    assert.equal(classify(f.tick, f.publish, f.sendImmediately, f.socketWrite, f.writeBuffer), 'publish');
  });

  it("counts the confirm publisher's callback under handleConfirm as confirm, not publish", () => {
    assert.equal(classify(f.tick, f.handleConfirm, f.confirmCallback), 'confirm');
    assert.equal(classify(f.tick, f.confirmCallback), 'publish');
  });

  it('gives a SQL statement the stage of whoever runs it: inbox, handler, else transaction', () => {
    assert.equal(classify(f.microtasks, f.recordInInbox, f.insertClosure), 'inbox');
    assert.equal(classify(f.microtasks, f.reserveStock, f.insertClosure), 'handler');
    assert.equal(classify(f.microtasks, f.insertClosure), 'transaction');
  });

  it('counts anything under module loading as startup, even validation', () => {
    assert.equal(classify(f.compile, f.parseMessage, f.ajvValidate), 'startup');
  });

  it('puts V8 pseudo-frames and bare event-loop machinery where they belong', () => {
    assert.equal(classify(f.gc), 'gc');
    assert.equal(classify(f.tick, f.microtasks), 'runtime');
  });

  it('maps bundle lines to modules from the // comments', () => {
    assert.equal(frameOf(f.insertClosure, modulesOf).module, 'libs/persistence/src/sqlite/sqlite-collection.ts');
    assert.equal(frameOf(f.reserveStock, modulesOf).pkg, 'apps/inventory-service');
    assert.equal(frameOf(f.ajvRuntime).pkg, 'ajv');
  });

  it('tells a bundle rebuilt since the run by its named frames no longer fitting its lines', () => {
    const frames = [f.parseMessage, f.recordInInbox, f.reserveStock];
    assert.deepEqual(bundleFit(bundle, frames), { checked: 3, fitting: 3 });
    assert.deepEqual(bundleFit(`// header\n${bundle}`, frames), { checked: 3, fitting: 0 });
  });
});

/** A profile from samples (stack root → leaf, time in µs); nodes are merged by path like V8's tree. */
function profileOf(samples: Array<{ at: number; stack: CallFrame[] }>, startTime = 1_000_000, endTime?: number): CpuProfile {
  const root = { id: 1, callFrame: frame('(root)'), children: [] as number[] };
  const nodes = [root];
  const byPath = new Map<string, (typeof nodes)[number]>([['', root]]);
  const ids: number[] = [];
  for (const { stack } of samples) {
    let parent = root;
    let path = '';
    for (const callFrame of stack) {
      path += `/${callFrame.functionName}@${callFrame.url}:${callFrame.lineNumber}`;
      let node = byPath.get(path);
      if (!node) {
        node = { id: nodes.length + 1, callFrame, children: [] };
        nodes.push(node);
        byPath.set(path, node);
        parent.children.push(node.id);
      }
      parent = node;
    }
    ids.push(parent.id);
  }
  let previous = startTime;
  const timeDeltas = samples.map(({ at }) => {
    const delta = at - previous;
    previous = at;
    return delta;
  });
  return { nodes, startTime, endTime: endTime ?? previous + 1000, samples: ids, timeDeltas };
}

describe('cpu-by-stage sums', () => {
  // One sample a millisecond from t = 1 000 000 µs: 2 before the window, 4 in it, 2 after.
  const stacks = [
    [f.compile, f.parseMessage], // 1.000 s: start-up, before the window
    [f.idle], // 1.001 s
    [f.tick, f.parseMessage], // 1.002 s: window starts here
    [f.tick, f.parseMessage, f.ajvValidate], // 1.003 s
    [f.idle], // 1.004 s
    [f.microtasks, f.reserveStock], // 1.005 s: weight cut at the window's end (1.0055 s)
    [f.gc], // 1.006 s: after the window
    [f.tick, f.parseMessage],
  ];
  const profile = profileOf(stacks.map((stack, index) => ({ at: 1_000_000 + index * 1000, stack })));
  const window = { fromMicros: 1_002_000, toMicros: 1_005_500 };
  const inputs: ProfileInput[] = [{ pid: 41, thread: 0, profile }];
  const apps = new Map([[41, 'inventory-service']]);

  it('counts only samples inside the window, weighted by the time to the next sample, cut at its end; idle apart', () => {
    const report = analyzeProfiles(inputs, { window, sagas: 2, apps, modules: modulesOf });
    const [app] = report.apps;
    assert.equal(app!.app, 'inventory-service');
    assert.equal(app!.samples, 3);
    assert.equal(app!.idleMs, 1);
    assert.equal(app!.startupMs, 0);
    assert.equal(app!.stageMs.parse, 1);
    assert.equal(app!.stageMs.validate, 1);
    assert.equal(app!.stageMs.handler, 0.5);
    assert.equal(app!.stageMs.gc, 0);
    assert.equal(app!.cpuMs, 2.5);
  });

  it('divides by the sagas: CPU ms per saga and each stage per saga', () => {
    const report = analyzeProfiles(inputs, { window, sagas: 2, apps, modules: modulesOf });
    assert.equal(report.total.perSagaMs, 1.25);
    assert.equal(report.total.stageMs.parse / report.sagas, 0.5);
    assert.match(renderText(report), /parse\s+0\.50 \(40%\)/);
    assert.match(renderMarkdown(report), /\| parse \| 0\.50 \(40%\) \| 0\.50 \(40%\) \|/);
  });

  it('shows start-up samples inside a window that reaches back too far', () => {
    const report = analyzeProfiles(inputs, { window: { fromMicros: 0, toMicros: 1_002_000 }, sagas: 1, apps, modules: modulesOf });
    assert.equal(report.total.startupMs, 1);
    assert.equal(report.total.cpuMs, 0);
  });

  it('caps a sample at one sampling interval: a thread descheduled for 20 ms did not run for 20 ms', () => {
    const gap = profileOf([
      { at: 1_000_000, stack: [f.tick, f.parseMessage] },
      { at: 1_001_000, stack: [f.tick, f.parseMessage] },
      { at: 1_002_000, stack: [f.tick, f.parseMessage] },
      { at: 1_022_000, stack: [f.idle] },
    ]);
    const report = analyzeProfiles([{ pid: 41, thread: 0, profile: gap }], { window: { fromMicros: 0, toMicros: 2e6 }, sagas: 1, apps, modules: modulesOf });
    assert.equal(report.total.cpuMs, 3);
    assert.equal(report.total.wallMs, 22);
  });

  it('refuses a window that holds no sample', () => {
    assert.throws(() => analyzeProfiles(inputs, { window: { fromMicros: 5e6, toMicros: 6e6 }, sagas: 1, apps }), /no profile has a sample in the window 5000000–6000000/);
  });
});

describe('cpu-by-stage profiles and apps', () => {
  it('reads pid and thread from the profile file name', () => {
    assert.deepEqual(parseProfileFileName('CPU.20261202.054651.3400.0.001.cpuprofile'), { pid: 3400, thread: 0, seq: 1 });
    assert.equal(parseProfileFileName('window.json'), undefined);
  });

  it("maps pids to apps by the bundle URL in the frames; a worker thread takes its main thread's app; window.json wins", () => {
    const main = profileOf([{ at: 1_000_000, stack: [f.tick, f.reserveStock] }]);
    const pinoThread = profileOf([{ at: 1_000_000, stack: [node('write', 'node:fs')] }]);
    const other = profileOf([{ at: 1_000_000, stack: [frame('main', fileUrl('dist/apps/payment-service/main.js'), 1)] }]);
    assert.equal(appOfProfile(main), 'inventory-service');
    assert.equal(appOfProfile(pinoThread), undefined);
    const inputs: ProfileInput[] = [
      { pid: 7, thread: 1, profile: pinoThread },
      { pid: 7, thread: 0, profile: main },
      { pid: 8, thread: 0, profile: other },
      { pid: 9, thread: 0, profile: pinoThread },
    ];
    assert.deepEqual([...appsByPid(inputs)].sort(), [
      [7, 'inventory-service'],
      [8, 'payment-service'],
    ]);
    assert.equal(appsByPid(inputs, [{ app: 'renamed', pid: 8 }]).get(8), 'renamed');
    const report = analyzeProfiles(inputs, { window: { fromMicros: 0, toMicros: 2e6 }, sagas: 1, apps: appsByPid(inputs) });
    assert.deepEqual(
      report.apps.map((app) => [app.app, app.pids]),
      [
        ['inventory-service', [7]],
        ['payment-service', [8]],
        ['pid 9', [9]],
      ],
    );
  });
});
