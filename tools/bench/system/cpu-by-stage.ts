// Where the workers' CPU goes, by stage of a delivery, from the V8 CPU profiles `npm run bench -- --profile DIR` writes
// (`node --cpu-prof`: one CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile per thread and process). Pure functions:
// the CLI (cpu-by-stage.cli.ts) reads the files, this module classifies and sums. See docs/benchmarks.md.
//
// Time: a sample's time is the profile's `startTime` plus the `timeDeltas` up to and including its own, in µs of
// CLOCK_MONOTONIC on Linux: the clock of `process.hrtime()` and of window.json (checked with a `node --cpu-prof`
// script that marks `process.hrtime.bigint() / 1000n` around two busy loops: their samples fall between the marks,
// within one sampling interval).
//
// Weight: a sample stands for the time until the next sample (the DevTools convention; the last one until `endTime`),
// cut at the window's end and capped at one sampling interval (the profile's median delta). The cap matters: on a
// machine with more runnable threads than cores a thread is descheduled between two samples, and the uncapped gap
// counts wall time it spent waiting for a core as CPU (measured on 2 cores with 7 workers, RabbitMQ and the bench:
// uncapped sums were 3–4× the thread's utime+stime from /proc, capped ones 1.3–1.7×, because every reschedule adds a
// sample at once). Both are reported (`cpuMs` capped, `wallMs` uncapped); only `/proc` is exact, so window.json may
// carry each process's measured main-thread CPU (`processes[].cpuMs`), which the report shows next to the estimate.

/** The stages of the issue, in the order reports list them. */
export const stages = ['parse', 'validate', 'transaction', 'inbox', 'outbox', 'handler', 'publish', 'confirm', 'ack', 'receive', 'tracing', 'metrics', 'logging', 'http', 'gc', 'runtime'] as const;
export type Stage = (typeof stages)[number];
/** Module loading: not a stage of the steady state, counted apart so a window that overlaps start-up shows. */
export type Category = Stage | 'startup';

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
  scriptId?: string;
}

export interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
  hitCount?: number;
}

/** A `.cpuprofile` as V8 writes it. */
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** CLOCK_MONOTONIC µs, the profile's clock: `[fromMicros, toMicros)`. */
export interface TimeWindow {
  fromMicros: number;
  toMicros: number;
}

/** DIR/window.json as the bench writes it. `cpuMs` (optional): the process's main-thread CPU in the window, measured. */
export interface WindowFile {
  fromMicros: number;
  /** null while the phase runs, or when it did not finish. */
  toMicros: number | null;
  phase?: string;
  sagas?: number;
  processes?: Array<{ app: string; pid: number; cpuMs?: number }>;
}

export interface ProfileInput {
  pid: number;
  /** 0: the main thread; ≥ 1: worker threads (pino's transport, …). */
  thread: number;
  profile: CpuProfile;
  file?: string;
}

/** A frame as the rules see it: the call frame plus where its code came from. */
export interface Frame {
  fn: string;
  url: string;
  /** For bundle frames the source module (`libs/messaging/src/consume/inbox.ts`, from esbuild's `// path` comments). */
  module: string;
  /** `amqplib`, `@opentelemetry/api` for node_modules; `node` for `node:` URLs; `libs/messaging`, `apps/order-service` for bundle code; '' for V8 and native frames. */
  pkg: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Which file and app a profile is

const profileName = /^CPU\.\d{8}\.\d{6}\.(\d+)\.(\d+)\.(\d+)\.cpuprofile$/;

/** pid and thread of a `CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile` file name; undefined for other names. */
export function parseProfileFileName(name: string): { pid: number; thread: number; seq: number } | undefined {
  const match = profileName.exec(name);
  return match ? { pid: Number(match[1]), thread: Number(match[2]), seq: Number(match[3]) } : undefined;
}

const bundleUrl = /dist\/apps\/([^/]+)\/main\.js$/;

/** The app whose bundle (`dist/apps/<app>/main.js`) the profile ran, from its call frames; undefined when none is there. */
export function appOfProfile(profile: CpuProfile): string | undefined {
  for (const node of profile.nodes) {
    const match = bundleUrl.exec(node.callFrame.url);
    if (match) return match[1];
  }
  return undefined;
}

/**
 * pid → app: window.json's list first, else the bundle URL in any of the pid's profiles (a worker thread's profile
 * runs no bundle code, so it takes its main thread's). Pids neither names stay unmapped (reported as `pid <n>`).
 */
export function appsByPid(inputs: readonly ProfileInput[], listed: WindowFile['processes'] = []): Map<number, string> {
  const apps = new Map<number, string>();
  for (const { pid, app } of listed) apps.set(pid, app);
  for (const input of inputs) {
    if (apps.has(input.pid)) continue;
    const app = appOfProfile(input.profile);
    if (app) apps.set(input.pid, app);
  }
  return apps;
}

/** Where each module starts in a bundle: esbuild writes `// <path>` before each module's code. Lines are 0-based. */
export type ModuleMap = ReadonlyArray<{ line: number; module: string }>;

export function bundleModules(bundleText: string): ModuleMap {
  const starts: Array<{ line: number; module: string }> = [];
  const lines = bundleText.split('\n');
  for (let line = 0; line < lines.length; line++) {
    const match = /^\/\/ ((?:apps|libs|tools|node_modules)\/\S+\.[cm]?[jt]sx?)$/.exec(lines[line]!);
    if (match) starts.push({ line, module: match[1]! });
  }
  return starts;
}

export function moduleAt(map: ModuleMap, line: number): string {
  let low = 0;
  let high = map.length - 1;
  let found = '';
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (map[middle]!.line <= line) {
      found = map[middle]!.module;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/**
 * How many of a profile's named frames in a bundle sit on a line of `bundleText` that names them. A module map read
 * from a bundle rebuilt since the run puts frames in the wrong modules; this tells (a rebuilt bundle fits a few %).
 */
export function bundleFit(bundleText: string, frames: readonly CallFrame[]): { checked: number; fitting: number } {
  const lines = bundleText.split('\n');
  let checked = 0;
  let fitting = 0;
  for (const frame of frames) {
    if (!/^[A-Za-z_$][\w$]*$/.test(frame.functionName) || frame.lineNumber < 0) continue;
    checked += 1;
    if (lines[frame.lineNumber]?.includes(frame.functionName)) fitting += 1;
  }
  return { checked, fitting };
}

/** The rules' view of a call frame; `modules(url)`: the bundle's module map, when the bundle could be read. */
export function frameOf(callFrame: CallFrame, modules: (url: string) => ModuleMap | undefined = () => undefined): Frame {
  const { functionName: fn, url } = callFrame;
  if (url.startsWith('node:')) return { fn, url, module: url, pkg: 'node' };
  const inModules = url.lastIndexOf('/node_modules/');
  if (inModules >= 0) {
    const module = url.slice(inModules + 1);
    const parts = module.split('/');
    return { fn, url, module, pkg: parts[1]!.startsWith('@') ? `${parts[1]}/${parts[2]}` : parts[1]! };
  }
  const map = bundleUrl.test(url) ? modules(url) : undefined;
  const module = map ? moduleAt(map, callFrame.lineNumber) : '';
  const pkg = /^(apps|libs)\/[^/]+/.exec(module)?.[0] ?? '';
  return { fn, url, module, pkg };
}

// ---------------------------------------------------------------------------------------------------------------
// The rules

/**
 * How a rule takes part in classifying a stack (the frames from the sampled leaf up to the root):
 * - `anywhere`: checked first, against every frame of the stack, in table order; the first rule with a matching
 *   frame decides. For contexts that own everything run under them synchronously, whatever code that is.
 * - `claim`: the stack is walked from the leaf up; the first frame that some claim rule matches decides (the first
 *   such rule in table order, when several match that one frame). The innermost code that says what it is wins.
 * - `context`: only when nothing claimed: generic code (sockets, SQL statements, amqplib's encoders) that is worth
 *   what its caller is worth; the first context rule in table order with a matching frame anywhere decides.
 * Nothing at all: `runtime`.
 */
export type RuleMode = 'anywhere' | 'claim' | 'context';

export interface StageRule {
  mode: RuleMode;
  category: Category;
  /** One line for the docs: what the rule matches. */
  matches: string;
  test(frame: Frame): boolean;
}

/** A bundle frame's name without esbuild's de-duplicating suffix (`validateEvent2` → `validateEvent`). */
const baseName = (frame: Frame): string => (frame.pkg.startsWith('libs/') || frame.pkg.startsWith('apps/') ? frame.fn.replace(/\d+$/, '') : frame.fn);
const named = (...names: string[]) => {
  const set = new Set(names);
  return (frame: Frame) => set.has(baseName(frame));
};
const inModule = (...prefixes: string[]) => (frame: Frame) => prefixes.some((prefix) => frame.module.startsWith(prefix));
/** A bundle frame whose module is unknown (no module map): name rules then apply without their module condition. */
const unmapped = (frame: Frame) => frame.module === '' && bundleUrl.test(frame.url);
/** Named so, in one of these modules (or anywhere in a bundle without a module map). */
const namedIn = (prefixes: string[], ...names: string[]) => (frame: Frame) => named(...names)(frame) && (unmapped(frame) || inModule(...prefixes)(frame));
const inPackage = (...names: string[]) => (frame: Frame) => names.some((name) => (name.endsWith('/') ? frame.pkg.startsWith(name) : frame.pkg === name));
const amqplib = (file: string, ...names: string[]) => (frame: Frame) => frame.pkg === 'amqplib' && frame.module.endsWith(`/lib/${file}`) && (names.length === 0 || names.includes(frame.fn));
const nativeOrV8 = (...names: string[]) => (frame: Frame) => frame.url === '' && names.includes(frame.fn);
const all = (...tests: Array<(frame: Frame) => boolean>) => (frame: Frame) => tests.every((test) => test(frame));
const not = (test: (frame: Frame) => boolean) => (frame: Frame) => !test(frame);

const nodeHooks = new Set(['promiseInitHook', 'promiseInitHookWithDestroyTracking', 'promiseBeforeHook', 'promiseAfterHook', 'promiseResolveHook', 'emitInitScript', 'emitBeforeScript', 'emitAfterScript', 'emitDestroyScript', 'emitInitNative', 'emitBeforeNative', 'emitAfterNative', 'executionAsyncResource', 'lookupPublicResource', 'defaultTriggerAsyncIdScope']);
const dispatcherOutboxWork = ['dispatch', 'dispatchInOrder', 'flush', 'startMarking', 'markSent', 'releaseLeases'];

/**
 * The classification, as data. Why this order:
 * - `anywhere` first. Module loading owns the whole stack (code run at require time is start-up, whatever it does);
 *   it is checked before everything so a window that overlaps start-up cannot hide in other stages. amqplib's
 *   `handleConfirm` runs the publisher's confirm callbacks synchronously: they are confirm handling even though
 *   their own frames are the confirm publisher's (which would claim `publish`).
 * - Claims walk from the leaf, so the innermost code that knows what it is decides: an ajv frame under a decode is
 *   validate (the ajv frame is met before `parseMessage`), a `JSON.stringify` in the outbox writer is outbox, the
 *   otel span code under the dispatcher's publish is tracing, the SQL a handler runs on its own documents is
 *   handler (the statement frames only give context; the handler's frame claims). Pass-through wrappers claim too
 *   (`context.with`, `runInSpan`, fastify's hook runner, amqplib's `accept`): they are outer frames, so they only
 *   decide what nothing inside them claimed — their own time.
 * - Among claims, specific before general for one frame: the dispatcher's row work is outbox but its `publishRow`
 *   (building the body and properties) is publish; `recordInInbox` before the generic persistence rules (which are
 *   context anyway); amqplib's `ack`, `publish` and `sendMessage` before its receive-side files.
 * - Context last: a socket write under an ack is ack and under a publish is publish because `ack`/`publish` claim
 *   and the write only gives context. SQL statements nobody claimed (a relay sweep's, a transaction's own BEGIN
 *   through `statement`) are transaction. The broker connection's socket is written on a later turn (messaging's
 *   `coalesceSocketWrites` uncorks on the next tick; older amqplib layouts write from their mux on setImmediate), with
 *   neither ack nor publish on the stack: those writes are publish (per saga they are mostly publishes; acks are
 *   batched into one small frame per turn; on a read side fed from the archive they are its stream credit acks). Event-loop machinery (timers, ticks, microtasks), which sits under every
 *   stack, is the last context, `runtime`.
 */
export const stageRules: readonly StageRule[] = [
  // anywhere
  { mode: 'anywhere', category: 'startup', matches: 'module loading: node:internal/modules/*, wrapSafe, compileFunction', test: (frame) => frame.url.startsWith('node:internal/modules/') || (frame.pkg === 'node' && frame.fn === 'wrapSafe') || nativeOrV8('compileFunction', 'compileFunctionForCJSLoader')(frame) },
  { mode: 'anywhere', category: 'confirm', matches: "amqplib channel.js handleConfirm (the broker's basic.ack/nack of a publish, and the callbacks it runs)", test: amqplib('channel.js', 'handleConfirm') },

  // claims: V8's own
  { mode: 'claim', category: 'gc', matches: '(garbage collector)', test: nativeOrV8('(garbage collector)') },
  { mode: 'claim', category: 'runtime', matches: '(program): V8 outside JS (compilation, IC misses, native code without a frame)', test: nativeOrV8('(program)') },
  // claims: cross-cutting code, wherever it is called from
  { mode: 'claim', category: 'logging', matches: 'pino, sonic-boom, thread-stream; libs/worker/src/logging', test: (frame) => inPackage('pino', 'sonic-boom', 'thread-stream', 'pino-std-serializers', 'fast-redact', 'quick-format-unescaped', 'on-exit-leak-free', 'real-require')(frame) || inModule('libs/worker/src/logging/', 'libs/messaging/src/logger.ts')(frame) },
  { mode: 'claim', category: 'metrics', matches: 'prom-client, tdigest, bintrees; libs/worker/src/metrics (the messaging metrics)', test: (frame) => inPackage('prom-client', 'tdigest', 'bintrees')(frame) || inModule('libs/worker/src/metrics/')(frame) || namedIn(['libs/messaging/src/consume/archive-intake.ts'], 'count')(frame) },
  { mode: 'claim', category: 'tracing', matches: '@opentelemetry/*, libs/tracing/src, async-hooks context management (promise hooks, AsyncLocalStorage, AsyncResource)', test: (frame) => inPackage('@opentelemetry/')(frame) || inModule('libs/tracing/src/')(frame) || (frame.pkg === 'node' && (frame.url === 'node:async_hooks' || frame.url.startsWith('node:internal/async_local_storage') || (frame.url === 'node:internal/async_hooks' && nodeHooks.has(frame.fn)))) },
  // claims: a delivery's stages
  { mode: 'claim', category: 'validate', matches: 'ajv, ajv-formats, fast-uri; ajv-compiled validate<N> functions; libs/contracts validate-event.ts, format-errors.ts; catalogue validateEvent / codec check', test: (frame) => inPackage('ajv', 'ajv-formats', 'fast-uri', 'fast-deep-equal', 'json-schema-traverse', 'require-from-string')(frame) || (frame.url === '' && /^validate\d*$/.test(frame.fn)) || inModule('libs/contracts/src/validate-event.ts', 'libs/contracts/src/format-errors.ts')(frame) || namedIn(['libs/contracts/src/', 'libs/messaging/src/codec/'], 'validateEvent', 'validatePayload', 'formatErrors', 'validator', 'check')(frame) },
  { mode: 'claim', category: 'parse', matches: 'libs/contracts parse-message.ts, decode-event.ts; catalogue decodeEvent / codec decode (the body to JSON, forbidden keys)', test: (frame) => inModule('libs/contracts/src/parse-message.ts', 'libs/contracts/src/decode-event.ts')(frame) || namedIn(['libs/contracts/src/', 'libs/messaging/src/codec/'], 'parseMessage', 'findForbiddenKeys', 'decodeEvent', 'decode')(frame) },
  { mode: 'claim', category: 'inbox', matches: 'recordInInbox, libs/messaging/src/consume/inbox.ts', test: (frame) => named('recordInInbox', 'inboxKey', 'isInboxConflict')(frame) || inModule('libs/messaging/src/consume/inbox.ts')(frame) },
  { mode: 'claim', category: 'outbox', matches: 'writeOutboxRow, the relay, background dispatch, the dispatcher (but its publishRow)', test: (frame) => inModule('libs/messaging/src/outbox/writer.ts', 'libs/messaging/src/outbox/relay.ts', 'libs/messaging/src/outbox/row.ts', 'libs/messaging/src/publish/background-dispatch.ts')(frame) || named('writeOutboxRow', 'nextSequence')(frame) || namedIn(['libs/messaging/src/outbox/dispatcher.ts'], ...dispatcherOutboxWork)(frame) },
  { mode: 'claim', category: 'publish', matches: 'the dispatcher publishRow (body, properties), eventProperties, toAmqpProperties, ConfirmPublisher, amqplib publish/sendMessage', test: (frame) => inModule('libs/messaging/src/outbox/dispatcher.ts', 'libs/messaging/src/publish/', 'libs/contracts/src/amqp-properties.ts')(frame) || named('eventProperties', 'toAmqpProperties', 'publishRow')(frame) || amqplib('channel_model.js', 'publish', 'sendToQueue')(frame) || amqplib('channel.js', 'sendMessage', 'pushConfirmCallback')(frame) || amqplib('connection.js', 'sendMessage', 'sendContent')(frame) || amqplib('api_args.js', 'publish')(frame) },
  { mode: 'claim', category: 'ack', matches: "AckBatcher, the consumer group settle / guarded ack, amqplib ack/nack; a read side's savePosition (its settlement: the archive offset, committed with its effects)", test: (frame) => inModule('libs/messaging/src/consume/ack-batcher.ts')(frame) || namedIn(['libs/messaging/src/consume/archive-intake.ts'], 'savePosition')(frame) || namedIn(['libs/messaging/src/consume/'], 'settle', 'ack', 'nack', 'attempt')(frame) || amqplib('channel_model.js', 'ack', 'ackAll', 'nack', 'nackAll', 'reject')(frame) },
  { mode: 'claim', category: 'receive', matches: "amqplib's reading side (connection recvFrame/acceptLoop, channel accept/dispatch, frame and defs decoding), ConsumerGroup.onDelivery, the archive intake's onRecord", test: (frame) => amqplib('connection.js', 'recvFrame', 'acceptLoop', 'step', 'mainAccept', 'go', 'checkRecv')(frame) || amqplib('channel.js', 'accept', 'acceptMessageFrame', 'acceptDeliveryOrReturn', 'acceptMessage', 'dispatchMessage', 'handleDelivery', 'handleMessage')(frame) || amqplib('frame.js')(frame) || (amqplib('defs.js')(frame) && frame.fn.startsWith('decode')) || amqplib('codec.js', 'decodeFields', 'decodeTable')(frame) || namedIn(['libs/messaging/src/consume/consumer-group.ts'], 'onDelivery')(frame) },
  { mode: 'claim', category: 'http', matches: 'fastify, find-my-way, light-my-request, avvio, @fastify/*; node http server; libs/worker/src/http', test: (frame) => inPackage('fastify', 'find-my-way', 'light-my-request', 'avvio', '@fastify/', 'fast-json-stringify', 'secure-json-parse', 'fast-querystring', 'toad-cache', 'abstract-logging')(frame) || /^node:_http_(server|common|incoming|outgoing)$/.test(frame.url) || inModule('libs/worker/src/http/')(frame) },
  { mode: 'claim', category: 'transaction', matches: 'store transactions: begin/commit/rollback, the mutex, WalSync and its fdatasync, the transaction batcher', test: (frame) => inModule('libs/persistence/src/sqlite/wal-sync.ts', 'libs/persistence/src/async-mutex.ts', 'libs/persistence/src/transaction-scope.ts', 'libs/persistence/src/transaction-reruns.ts', 'libs/messaging/src/consume/transaction-batcher.ts')(frame) || namedIn(['libs/persistence/src/'], 'runTransaction', 'begin', 'commit', 'rollback', 'requestFlush', 'afterCommit')(frame) || (inModule('libs/persistence/src/')(frame) && named('transaction')(frame)) || nativeOrV8('fdatasync', 'fsync')(frame) || (frame.url === 'node:internal/fs/promises' && ['datasync', 'sync', 'fsync', 'fdatasync'].includes(frame.fn)) },
  { mode: 'claim', category: 'handler', matches: "the app's code (apps/*), the domain libs (libs/saga, libs/order-catalogue), the handler context and emit (createEvent, newId, uuid)", test: (frame) => frame.pkg.startsWith('apps/') || inModule('libs/saga/src/', 'libs/order-catalogue/src/', 'libs/messaging/src/consume/handler-context.ts', 'libs/contracts/src/create-event.ts', 'libs/contracts/src/new-id.ts')(frame) || inPackage('uuid')(frame) || (inModule('libs/messaging/src/codec/catalogue-codec.ts')(frame) && named('create')(frame)) || namedIn([], 'createEvent', 'newId', 'createEmitter', 'createHandlerContext')(frame) },
  { mode: 'claim', category: 'runtime', matches: 'the delivery pipeline and messaging glue itself (libs/messaging otherwise), the worker chassis', test: (frame) => inModule('libs/messaging/src/', 'libs/worker/src/')(frame) && !inModule('libs/messaging/src/connection/coalesce-writes.ts')(frame) },

  // context: generic code, worth its caller
  { mode: 'context', category: 'transaction', matches: 'SQL statements (libs/persistence, better-sqlite3) nobody above claimed', test: (frame) => inModule('libs/persistence/src/')(frame) || inPackage('better-sqlite3', 'bindings', 'file-uri-to-path')(frame) },
  { mode: 'context', category: 'publish', matches: "socket writes of the broker connection on a later turn (messaging's coalesceSocketWrites uncork, amqplib's mux), amqplib's encoders", test: (frame) => inModule('libs/messaging/src/connection/coalesce-writes.ts')(frame) || all(inPackage('amqplib'), not(amqplib('connection.js', 'startHeartbeater', 'sendHeartbeat')))(frame) },
  { mode: 'context', category: 'receive', matches: 'socket reads (stream Readable, onStreamRead) nobody claimed: the broker connection', test: (frame) => frame.fn === 'onStreamRead' || frame.url === 'node:internal/streams/readable' },
  { mode: 'context', category: 'runtime', matches: 'event loop, timers, nextTick, microtasks, sockets, everything else', test: () => true },
];

export interface Classifier {
  /** The category of the sample whose leaf is `nodeId` (memoised per node). */
  categoryOf(nodeId: number): Category;
  /** The leaf frame of the node (for the leaf table). */
  frameOf(nodeId: number): Frame;
  /** The nearest caller with a name, for naming an anonymous leaf (`(anonymous) in get`). */
  namedCallerOf(nodeId: number): Frame | undefined;
}

/** Callers that say nothing about an anonymous leaf: the store's statement plumbing (a statement runs in `get`'s closure under `translated`, `execute`, `read`). */
const plumbing = new Set(['translated', 'execute', 'read', 'run', 'gate']);

/** One classifier per profile: frames and parents are computed once, each node's category once. */
export function profileClassifier(profile: CpuProfile, modules?: (url: string) => ModuleMap | undefined, rules: readonly StageRule[] = stageRules): Classifier {
  const frames = new Map<number, Frame>();
  const parents = new Map<number, number>();
  for (const node of profile.nodes) {
    frames.set(node.id, frameOf(node.callFrame, modules));
    for (const child of node.children ?? []) parents.set(child, node.id);
  }
  const memo = new Map<number, Category>();
  const stackOf = (nodeId: number): Frame[] => {
    const stack: Frame[] = [];
    for (let id: number | undefined = nodeId; id !== undefined; id = parents.get(id)) {
      const frame = frames.get(id)!;
      if (frame.fn !== '(root)') stack.push(frame);
    }
    return stack;
  };
  return {
    categoryOf(nodeId) {
      let category = memo.get(nodeId);
      if (category === undefined) {
        category = classifyStack(stackOf(nodeId), rules);
        memo.set(nodeId, category);
      }
      return category;
    },
    frameOf: (nodeId) => frames.get(nodeId)!,
    namedCallerOf(nodeId) {
      for (let id = parents.get(nodeId); id !== undefined; id = parents.get(id)) {
        const frame = frames.get(id)!;
        if (frame.fn && frame.fn !== '(root)' && !plumbing.has(frame.fn)) return frame;
      }
      return undefined;
    },
  };
}

/** The category of one stack, leaf first (see StageRule and stageRules for how the three modes combine). */
export function classifyStack(stack: readonly Frame[], rules: readonly StageRule[] = stageRules): Category {
  for (const rule of rules) if (rule.mode === 'anywhere' && stack.some((frame) => rule.test(frame))) return rule.category;
  const claims = rules.filter((rule) => rule.mode === 'claim');
  for (const frame of stack) {
    const claim = claims.find((rule) => rule.test(frame));
    if (claim) return claim.category;
  }
  for (const rule of rules) if (rule.mode === 'context' && stack.some((frame) => rule.test(frame))) return rule.category;
  return 'runtime';
}

// ---------------------------------------------------------------------------------------------------------------
// Summing

export interface LeafCost {
  /** `name (module or url:line)` */
  leaf: string;
  category: Category;
  ms: number;
}

export interface AppCpu {
  app: string;
  pids: number[];
  /** Non-idle samples in the window (startup included). */
  samples: number;
  /** Estimated CPU in the window, startup excluded: capped sample weights (see the top of the file). */
  cpuMs: number;
  /** The same samples weighted by the uncapped interval to the next sample: wall time running or runnable. */
  wallMs: number;
  /** Measured main-thread CPU from window.json, when it has it. */
  measuredMs?: number;
  /** Idle (the thread waited in the event loop). */
  idleMs: number;
  startupMs: number;
  perSagaMs: number;
  stageMs: Record<Stage, number>;
  topLeaves: LeafCost[];
}

export interface CpuByStageReport {
  window: TimeWindow;
  sagas: number;
  apps: AppCpu[];
  total: AppCpu;
  /** Profiles that had no sample in the window (`file` or `pid.thread`). */
  emptyProfiles: string[];
  /** What the reader should know about how this was computed (a module map left out, …). */
  notes: string[];
}

export interface AnalyzeOptions {
  window: TimeWindow;
  sagas: number;
  /** pid → app; see appsByPid. */
  apps: ReadonlyMap<number, string>;
  /** Measured main-thread CPU per pid in the window (ms), shown beside the estimate. */
  measuredMs?: ReadonlyMap<number, number>;
  /** Bundle URL → module map, for the module-based rules (without it only name and package rules apply). */
  modules?: (url: string) => ModuleMap | undefined;
  /** Leaves listed per app. Default 5. */
  topLeaves?: number;
  /** Weight cap per sample in µs; default: the profile's median sample interval. `Infinity`: uncapped. */
  capMicros?: number;
  rules?: readonly StageRule[];
}

const zeroStages = (): Record<Stage, number> => Object.fromEntries(stages.map((stage) => [stage, 0])) as Record<Stage, number>;

/** The median positive interval between samples: the sampling interval the thread actually got when it ran. */
export function typicalIntervalMicros(profile: CpuProfile): number {
  const deltas = profile.timeDeltas.filter((delta) => delta > 0).sort((a, b) => a - b);
  return deltas.length === 0 ? 1000 : deltas[deltas.length >> 1]!;
}

interface Accumulator {
  app: string;
  pids: Set<number>;
  samples: number;
  cpu: number;
  wall: number;
  idle: number;
  startup: number;
  stages: Record<Stage, number>;
  leaves: Map<string, { category: Category; micros: number }>;
}

const newAccumulator = (app: string): Accumulator => ({ app, pids: new Set(), samples: 0, cpu: 0, wall: 0, idle: 0, startup: 0, stages: zeroStages(), leaves: new Map() });

/** `fn (module, bundle line)`; an anonymous function is named after its nearest named caller: `(anonymous in get)`. */
export function leafName(frame: Frame, callFrame: CallFrame, caller?: Frame): string {
  const bundleLine = bundleUrl.test(frame.url) && callFrame.lineNumber >= 0 ? `main.js:${callFrame.lineNumber + 1}` : '';
  const where = [frame.module || (frame.url ? `${frame.url.replace(/^file:\/\/.*?\/(node_modules|dist)\//, '$1/')}${callFrame.lineNumber >= 0 && !bundleLine ? `:${callFrame.lineNumber + 1}` : ''}` : 'native'), bundleLine].filter(Boolean).join(' ');
  const name = frame.fn || (caller ? `(anonymous in ${caller.fn})` : '(anonymous)');
  return `${name} (${where})`;
}

/** Adds one profile's samples inside the window to `into`; returns how many samples fell in the window. */
function accumulate(intos: readonly Accumulator[], profile: CpuProfile, options: AnalyzeOptions): number {
  const { fromMicros, toMicros } = options.window;
  const cap = options.capMicros ?? typicalIntervalMicros(profile);
  const classifier = profileClassifier(profile, options.modules, options.rules);
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  let inWindow = 0;
  let time = profile.startTime;
  const times = profile.timeDeltas.map((delta) => (time += delta));
  for (let index = 0; index < profile.samples.length; index++) {
    const at = times[index]!;
    if (at < fromMicros || at >= toMicros) continue;
    inWindow += 1;
    const next = index + 1 < times.length ? times[index + 1]! : profile.endTime;
    const wall = Math.max(0, Math.min(next, toMicros) - at);
    const weight = Math.min(wall, cap);
    const nodeId = profile.samples[index]!;
    const callFrame = nodes.get(nodeId)!.callFrame;
    if (callFrame.functionName === '(idle)') {
      for (const into of intos) into.idle += wall;
      continue;
    }
    const category = classifier.categoryOf(nodeId);
    const leaf = category === 'startup' ? '' : leafName(classifier.frameOf(nodeId), callFrame, callFrame.functionName ? undefined : classifier.namedCallerOf(nodeId));
    for (const into of intos) {
      into.samples += 1;
      if (category === 'startup') {
        into.startup += weight;
        continue;
      }
      into.cpu += weight;
      into.wall += wall;
      into.stages[category] += weight;
      const entry = into.leaves.get(leaf) ?? { category, micros: 0 };
      entry.micros += weight;
      into.leaves.set(leaf, entry);
    }
  }
  return inWindow;
}

function finish(accumulator: Accumulator, sagas: number, topLeaves: number, measured?: number): AppCpu {
  const ms = (micros: number) => micros / 1000;
  const stageMs = zeroStages();
  for (const stage of stages) stageMs[stage] = ms(accumulator.stages[stage]);
  return {
    app: accumulator.app,
    pids: [...accumulator.pids].sort((a, b) => a - b),
    samples: accumulator.samples,
    cpuMs: ms(accumulator.cpu),
    wallMs: ms(accumulator.wall),
    ...(measured === undefined ? {} : { measuredMs: measured }),
    idleMs: ms(accumulator.idle),
    startupMs: ms(accumulator.startup),
    perSagaMs: sagas > 0 ? ms(accumulator.cpu) / sagas : NaN,
    stageMs,
    topLeaves: [...accumulator.leaves]
      .sort((a, b) => b[1].micros - a[1].micros)
      .slice(0, topLeaves)
      .map(([leaf, { category, micros }]) => ({ leaf, category, ms: ms(micros) })),
  };
}

/** Sums every profile's samples in the window by app and stage. Throws when the window holds no sample at all. */
export function analyzeProfiles(inputs: readonly ProfileInput[], options: AnalyzeOptions): CpuByStageReport {
  const { window, sagas } = options;
  if (!(window.toMicros > window.fromMicros)) throw new Error(`the window ${window.fromMicros}–${window.toMicros} µs is empty`);
  const byApp = new Map<string, Accumulator>();
  const total = newAccumulator('total');
  const emptyProfiles: string[] = [];
  let samplesInWindow = 0;
  for (const input of inputs) {
    const app = options.apps.get(input.pid) ?? `pid ${input.pid}`;
    const accumulator = byApp.get(app) ?? newAccumulator(app);
    byApp.set(app, accumulator);
    accumulator.pids.add(input.pid);
    total.pids.add(input.pid);
    const counted = accumulate([accumulator, total], input.profile, options);
    if (counted === 0) emptyProfiles.push(input.file ?? `${input.pid}.${input.thread}`);
    samplesInWindow += counted;
  }
  if (samplesInWindow === 0) {
    const spans = inputs.map((input) => `${input.profile.startTime}–${input.profile.endTime}`);
    throw new Error(`no profile has a sample in the window ${window.fromMicros}–${window.toMicros} µs (CLOCK_MONOTONIC); the profiles span ${[...new Set(spans)].slice(0, 3).join(', ')}${spans.length > 3 ? ', …' : ''}`);
  }
  const top = options.topLeaves ?? 5;
  const measuredOf = (pids: Iterable<number>): number | undefined => {
    if (!options.measuredMs) return undefined;
    let sum = 0;
    for (const pid of pids) {
      const ms = options.measuredMs.get(pid);
      if (ms === undefined) return undefined;
      sum += ms;
    }
    return sum;
  };
  const apps = [...byApp.values()].sort((a, b) => a.app.localeCompare(b.app)).map((accumulator) => finish(accumulator, sagas, top, measuredOf(accumulator.pids)));
  return { window, sagas, apps, total: finish(total, sagas, top, measuredOf(total.pids)), emptyProfiles, notes: [] };
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering

const fixed = (value: number, digits = 2): string => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const percent = (part: number, whole: number): string => (whole > 0 ? `${((part / whole) * 100).toFixed(0)}%` : '–');

/** Stages in the total's order of cost, the costliest first; stages with no sample anywhere are left out. */
function rankedStages(report: CpuByStageReport): Stage[] {
  return [...stages].filter((stage) => report.total.stageMs[stage] > 0).sort((a, b) => report.total.stageMs[b] - report.total.stageMs[a]);
}

function headline(report: CpuByStageReport): string {
  const seconds = (report.window.toMicros - report.window.fromMicros) / 1e6;
  return `CPU by stage in a ${seconds.toFixed(2)} s window, ${report.sagas} sagas (ms of main-thread CPU per saga; share of the app's CPU)`;
}

function summaryRows(report: CpuByStageReport): Array<[string, (app: AppCpu) => string]> {
  const rows: Array<[string, (app: AppCpu) => string]> = [
    ['CPU ms in window', (app) => fixed(app.cpuMs, 0)],
    ['CPU ms per saga', (app) => fixed(app.perSagaMs)],
  ];
  if (report.total.measuredMs !== undefined) rows.push(['measured ms per saga (window.json cpuMs)', (app) => (app.measuredMs === undefined ? '–' : fixed(app.measuredMs / report.sagas))]);
  rows.push(
    ['wall ms running or runnable', (app) => fixed(app.wallMs, 0)],
    ['startup ms in window', (app) => fixed(app.startupMs, 0)],
  );
  return rows;
}

const stageCell = (app: AppCpu, stage: Stage, sagas: number): string => `${fixed(app.stageMs[stage] / sagas)} (${percent(app.stageMs[stage], app.cpuMs)})`;

/** A markdown table (stages × apps, plus the total) and the top leaves per app, for docs/benchmarks.md. */
export function renderMarkdown(report: CpuByStageReport): string {
  const columns = [...report.apps, report.total];
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const lines = [
    `${headline(report)}:`,
    '',
    row(['stage', ...columns.map((app) => app.app)]),
    row(['---', ...columns.map(() => '---:')]),
    ...rankedStages(report).map((stage) => row([stage, ...columns.map((app) => stageCell(app, stage, report.sagas))])),
    ...summaryRows(report).map(([label, cell]) => row([`**${label}**`, ...columns.map(cell)])),
    '',
    'Biggest leaf functions in the window (ms of CPU in the window, stage):',
    '',
    row(['app', 'leaf', 'ms', 'stage']),
    row(['---', '---', '---:', '---']),
    ...report.apps.flatMap((app) => app.topLeaves.map((leaf) => row([app.app, `\`${leaf.leaf}\``, fixed(leaf.ms, 0), leaf.category]))),
  ];
  if (report.emptyProfiles.length > 0) lines.push('', `Profiles with no sample in the window: ${report.emptyProfiles.join(', ')}.`);
  for (const note of report.notes) lines.push('', note);
  return `${lines.join('\n')}\n`;
}

/** The same as aligned plain text, for the terminal. */
export function renderText(report: CpuByStageReport): string {
  const columns = [...report.apps, report.total];
  const short = (app: string) => app.replace(/-service$/, '');
  const body: string[][] = [
    ['stage', ...columns.map((app) => short(app.app))],
    ...rankedStages(report).map((stage) => [stage, ...columns.map((app) => stageCell(app, stage, report.sagas))]),
    ...summaryRows(report).map(([label, cell]) => [label, ...columns.map(cell)]),
  ];
  const widths = body[0]!.map((_, column) => Math.max(...body.map((cells) => cells[column]!.length)));
  const lines = [headline(report), ...body.map((cells) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '))];
  lines.push('', 'biggest leaves in the window (ms, stage)');
  for (const app of report.apps) {
    lines.push(`${app.app}:`);
    for (const leaf of app.topLeaves) lines.push(`  ${fixed(leaf.ms, 0).padStart(6)}  ${leaf.category.padEnd(11)} ${leaf.leaf}`);
  }
  if (report.emptyProfiles.length > 0) lines.push('', `no sample in the window: ${report.emptyProfiles.join(', ')}`);
  for (const note of report.notes) lines.push(`note: ${note}`);
  return `${lines.join('\n')}\n`;
}
