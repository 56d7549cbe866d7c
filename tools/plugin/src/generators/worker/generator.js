// `npx nx g @troupe/plugin:worker <name> --consumes <type,…> --emits <type,…> [--port N]`: a new worker app in the
// standard layout (apps/<name>/, modelled on apps/payment-service), its manifest in libs/order-catalogue registered in
// reference-manifests.ts, its definition in the order-contracts system, then docs/asyncapi.yaml and docs/saga-map.md.
// Plain CommonJS on purpose: Nx loads generators without a TypeScript transpiler in this workspace.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- see above: plain CommonJS */
const { execFileSync } = require('node:child_process');

const schemasDir = 'libs/order-catalogue/src/schemas';
const manifestsDir = 'libs/order-catalogue/src/manifests';
const registry = `${manifestsDir}/reference-manifests.ts`;
const contractSystem = 'apps/order-contracts/src/order-system.ts';
const contractProject = 'apps/order-contracts/project.json';
/** The lint rule that lets the contract suite import each app's src/worker lists the apps here. */
const eslintConfig = 'eslint.config.mjs';
const namePattern = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** Ports the system keeps for its own apps, never handed to a generated worker. */
const reservedPorts = new Map([[3008, 'the saga board (apps/saga-board)']]);
/** Ports below the lowest serve port stay free for other tools; a worker's port defaults to the highest used + 1. */
const firstPort = 3001;

/** @param {string} message */
function fail(message) {
  return new Error(`@troupe/plugin:worker: ${message}`);
}

/** `loyalty-service` -> `loyaltyService`. @param {string} name */
function camelOf(name) {
  return name.replace(/-([a-z0-9])/g, (_match, letter) => letter.toUpperCase());
}

/** `order.created` -> `OrderCreated`. @param {string} type */
function pascalOf(type) {
  return type
    .split(/[.-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** `order.created` -> `order-created`. @param {string} type */
function fileOf(type) {
  return `on-${type.replace(/\./g, '-')}`;
}

/**
 * `a,b` or ['a', 'b,c'] -> ['a', 'b', 'c'] (trimmed, no blanks, no repeats).
 * @param {unknown} value
 * @returns {string[]}
 */
function listOf(value) {
  if (value === undefined || value === null) return [];
  const parts = (Array.isArray(value) ? value : [value]).flatMap((item) => String(item).split(','));
  return [...new Set(parts.map((part) => part.trim()).filter((part) => part.length > 0))];
}

/**
 * The catalogued event types, each with the fields its newest schema requires.
 * @param {import('@nx/devkit').Tree} tree
 * @returns {Map<string, string[]>}
 */
function catalogued(tree) {
  const types = new Map();
  for (const type of tree.children(schemasDir)) {
    const versions = tree
      .children(`${schemasDir}/${type}`)
      .map((file) => /^v([1-9][0-9]*)\.schema\.json$/.exec(file))
      .filter((match) => match !== null)
      .map((match) => Number(match[1]))
      .sort((a, b) => a - b);
    const newest = versions.at(-1);
    if (newest === undefined) continue;
    const schema = JSON.parse(tree.read(`${schemasDir}/${type}/v${newest}.schema.json`, 'utf8') ?? '{}');
    types.set(type, Array.isArray(schema.required) ? schema.required.map(String) : []);
  }
  return types;
}

/**
 * Event types some existing manifest reacts to (its reactions' `on`).
 * @param {import('@nx/devkit').Tree} tree
 */
function consumedByManifests(tree) {
  const consumed = new Set();
  if (!tree.exists(manifestsDir)) return consumed;
  for (const file of tree.children(manifestsDir)) {
    if (!file.endsWith('.manifest.ts')) continue;
    const text = tree.read(`${manifestsDir}/${file}`, 'utf8') ?? '';
    for (const match of text.matchAll(/\bon:\s*['"]([^'"]+)['"]/g)) consumed.add(match[1]);
  }
  return consumed;
}

/**
 * Serve ports of the apps, by app.
 * @param {import('@nx/devkit').Tree} tree
 * @returns {Map<number, string>}
 */
function usedPorts(tree) {
  const ports = new Map();
  if (!tree.exists('apps')) return ports;
  for (const app of tree.children('apps')) {
    const file = `apps/${app}/project.json`;
    if (!tree.exists(file)) continue;
    const port = JSON.parse(tree.read(file, 'utf8') ?? '{}').targets?.serve?.metadata?.port;
    if (typeof port === 'number') ports.set(port, app);
  }
  return ports;
}

/**
 * The checked options, or a thrown Error saying what is wrong.
 * @param {import('@nx/devkit').Tree} tree
 * @param {WorkerOptions} options
 */
function normalize(tree, options) {
  const name = options.name;
  if (typeof name !== 'string' || name.length === 0) throw fail('give the worker name, e.g. loyalty-service');
  if (!namePattern.test(name) || name.length > 40) {
    throw fail(`'${name}' is not lower-kebab-case (lowercase letters and digits, single dashes, starting with a letter, at most 40 characters)`);
  }
  if (!tree.exists(schemasDir) || !tree.exists(registry)) throw fail(`${schemasDir} or ${registry} not found: run it in the Troupe workspace`);
  if (tree.exists(`apps/${name}`)) throw fail(`apps/${name} already exists`);
  const manifestFile = `${manifestsDir}/${name}.manifest.ts`;
  if (tree.exists(manifestFile)) throw fail(`${manifestFile} already exists`);
  const camel = camelOf(name);
  if ((tree.read(registry, 'utf8') ?? '').includes(`${camel}Manifest`)) throw fail(`${registry} already names ${camel}Manifest`);

  const consumes = listOf(options.consumes);
  const emits = listOf(options.emits);
  if (consumes.length === 0) throw fail('give at least one consumed event type: --consumes order.created[,…]');
  const types = catalogued(tree);
  const unknown = [...consumes, ...emits].filter((type) => !types.has(type));
  if (unknown.length > 0) {
    throw fail(`no such event type in ${schemasDir}: ${unknown.join(', ')} (add it first: npx nx g @troupe/plugin:event <domain>.<name>)`);
  }
  const withoutOrderId = consumes.filter((type) => !(types.get(type) ?? []).includes('orderId'));
  if (withoutOrderId.length > 0) throw fail(`consumed types must carry the saga id (required orderId): ${withoutOrderId.join(', ')}`);

  const ports = usedPorts(tree);
  let port;
  if (options.port === undefined || options.port === null || options.port === '') {
    port = Math.max(firstPort - 1, ...ports.keys()) + 1;
    while (ports.has(port) || reservedPorts.has(port)) port += 1;
  } else {
    port = Number(options.port);
    if (!Number.isInteger(port) || port < 1024 || port > 65535) throw fail(`--port ${options.port} is not a port number from 1024 to 65535`);
    const owner = ports.get(port);
    if (owner) throw fail(`port ${port} is already apps/${owner}'s serve port`);
    if (reservedPorts.has(port)) throw fail(`port ${port} is reserved: ${reservedPorts.get(port)}`);
  }

  const alreadyConsumed = consumedByManifests(tree);
  const terminal = emits.filter((type) => !alreadyConsumed.has(type));
  /** Emitted types whose schema requires more than the saga id: the generated handler cannot fill them in. */
  const needsFields = emits.filter((type) => (types.get(type) ?? []).some((field) => field !== 'orderId'));
  return { name, camel, consumes, emits, port, terminal, needsFields, requiredOf: types, manifestFile };
}

/** @param {unknown} value */
const q = (value) => `'${String(value)}'`;
/** @param {string[]} values */
const list = (values) => `[${values.map(q).join(', ')}]`;

/** @param {ReturnType<typeof normalize>} o */
function manifestText(o) {
  const reactions = o.consumes
    .map((type) => `    { on: '${type}', kind: 'forward', emits: ${list(o.emits)}, why: 'TODO(${o.name}): say why ${type} matters here' },`)
    .join('\n');
  return `import { defineManifest } from '@troupe/contracts';

// Generated by @troupe/plugin:worker: replace the TODOs, then \`npx nx run order-catalogue:regenerate\`.
export const ${o.camel}Manifest = defineManifest({
  service: '${o.name}',
  description: 'TODO(${o.name}): say what ${o.name} does (consumes ${o.consumes.join(', ')}; emits ${o.emits.join(', ') || 'nothing'}).',
  initiates: [],
  reactions: [
${reactions}
  ],
  terminal: ${list(o.terminal)},
});
`;
}

/**
 * reference-manifests.ts with the new manifest imported, exported and in the array.
 * @param {string} text
 * @param {ReturnType<typeof normalize>} o
 */
function registered(text, o) {
  const symbol = `${o.camel}Manifest`;
  const imports = [...text.matchAll(/^import .*\n/gm)];
  const lastImport = imports.at(-1);
  if (!lastImport || lastImport.index === undefined) throw fail(`${registry}: no import to add the manifest after`);
  const at = lastImport.index + lastImport[0].length;
  let next = `${text.slice(0, at)}import { ${symbol} } from './${o.name}.manifest';\n${text.slice(at)}`;
  const exportBlock = /export \{\n([\s\S]*?)\n\};/.exec(next);
  if (!exportBlock) throw fail(`${registry}: no \`export { … };\` block to export ${symbol} from`);
  next = next.replace(exportBlock[0], `export {\n${exportBlock[1]}\n  ${symbol},\n};`);
  const array = /(export const referenceManifests[^=]*= \[\n)([\s\S]*?)(\n\];)/.exec(next);
  if (!array) throw fail(`${registry}: no referenceManifests array to add ${symbol} to`);
  return next.replace(array[0], `${array[1]}${array[2]}\n  ${symbol},${array[3]}`);
}

/**
 * order-system.ts with the new worker's definition in referenceDefinitions (so the contract test runs its edges);
 * undefined when the file has no such list (nothing to register).
 * @param {string} text
 * @param {ReturnType<typeof normalize>} o
 */
function inContractSystem(text, o) {
  const block = /(export const referenceDefinitions = \{\n)([\s\S]*?)(\n\} as const;)/.exec(text);
  const imports = [...text.matchAll(/^import .*\n/gm)];
  const lastImport = imports.at(-1);
  if (!block || !lastImport || lastImport.index === undefined) return undefined;
  const at = lastImport.index + lastImport[0].length;
  const withImport = `${text.slice(0, at)}import { ${o.camel}Worker } from '../../${o.name}/src/worker';\n${text.slice(at)}`;
  return withImport.replace(block[0], `${block[1]}${block[2]}\n  '${o.name}': ${o.camel}Worker,${block[3]}`);
}

/**
 * eslint.config.mjs with the app in `contractApps` (the contract suite may import its src/worker); undefined when
 * there is no such list.
 * @param {string} text
 * @param {ReturnType<typeof normalize>} o
 */
function inContractLint(text, o) {
  const apps = /(const contractApps = \[)([^\]]*?)(\];)/.exec(text);
  if (!apps) return undefined;
  return text.replace(apps[0], `${apps[1]}${apps[2].trimEnd().replace(/,$/, '')}, '${o.name}'${apps[3]}`);
}

/** @param {ReturnType<typeof normalize>} o */
function projectJson(o) {
  return {
    name: o.name,
    $schema: '../../node_modules/nx/schemas/project-schema.json',
    sourceRoot: `apps/${o.name}/src`,
    projectType: 'application',
    tags: ['scope:order', 'type:app'],
    targets: {
      build: {
        executor: 'nx:run-commands',
        options: { command: `node tools/infra/build.mjs ${o.name}` },
        cache: false,
        metadata: {
          description: `Bundles ${o.name} into dist/apps/${o.name}/main.js (what serve and \`npm run worker -- ${o.name}\` run)`,
        },
      },
      serve: {
        executor: 'nx:run-commands',
        continuous: true,
        dependsOn: ['build'],
        options: { command: `node --max-semi-space-size=4 --single-threaded-gc tools/infra/worker.mjs ${o.name}` },
        metadata: { description: `Runs ${o.name} on port ${o.port} (PORT overrides)`, port: o.port },
      },
      lint: {},
      typecheck: {},
      test: {},
      integration: {},
    },
  };
}

/** @param {ReturnType<typeof normalize>} o */
function readme(o) {
  const pending = o.needsFields.length
    ? `\nPending: ${o.needsFields.join(', ')} need more than the order id, so the generated handlers throw a ` +
      'NonRecoverableError until you implement them (their specs are pending).\n'
    : '';
  return `# ${o.name}

Generated by \`@troupe/plugin:worker\`. TODO: say what it is for.

- Consumes: ${o.consumes.map((type) => `\`${type}\``).join(', ')}
- Emits: ${o.emits.map((type) => `\`${type}\``).join(', ') || 'nothing'}${o.terminal.length ? ` (terminal: ${o.terminal.map((type) => `\`${type}\``).join(', ')})` : ''}
- Port: ${o.port} (\`PORT\` overrides); \`/health\` and \`/metrics\` come from the chassis
- Manifest: [\`libs/order-catalogue/src/manifests/${o.name}.manifest.ts\`](../../libs/order-catalogue/src/manifests/${o.name}.manifest.ts)

Implement the handlers in \`src/handlers/\` (one file per consumed event, marked \`TODO(${o.name})\`). As generated, each
emits ${o.emits.length ? 'every declared event with the consumed event\'s orderId' : 'nothing'}.
${pending}
\`\`\`bash
node tools/mocha/run.mjs apps/${o.name} spec          # src/worker.spec.ts, in memory
node tools/mocha/run.mjs apps/${o.name} integration   # src/${o.name}.integration.ts, on RabbitMQ
npx nx run ${o.name}:serve
\`\`\`
`;
}

/**
 * @param {ReturnType<typeof normalize>} o
 * @param {string} type
 */
function handlerText(o, type) {
  const name = `on${pascalOf(type)}`;
  const missing = o.needsFields.filter((emitted) => o.emits.includes(emitted));
  if (missing.length > 0) {
    const fields = missing.map((emitted) => `${emitted} needs ${(o.requiredOf.get(emitted) ?? []).join(', ')}`).join('; ');
    return `import type { EventOf } from '@troupe/contracts';
import { NonRecoverableError, type EventHandler } from '@troupe/messaging';

/** ${type} -> ${o.emits.join(', ')}. */
export const ${name}: EventHandler<EventOf<'${type}'>> = async (event) => {
  // TODO(${o.name}): implement (${fields}), then un-pend its spec in src/worker.spec.ts.
  throw new NonRecoverableError(\`not implemented: ${o.name} on ${type} for order \${event.data.orderId}\`);
};
`;
  }
  const body = o.emits.length
    ? o.emits.map((emitted) => `  await ctx.emit('${emitted}', { orderId: event.data.orderId });`).join('\n')
    : `  ctx.logger.debug({ orderId: event.data.orderId }, '${type}: nothing to do yet');\n  await Promise.resolve();`;
  return `import type { EventOf } from '@troupe/contracts';
import type { EventHandler } from '@troupe/messaging';

/** ${type} -> ${o.emits.join(', ') || 'nothing'}. */
export const ${name}: EventHandler<EventOf<'${type}'>> = async (event, ctx) => {
  // TODO(${o.name}): implement. The generated default ${o.emits.length ? 'emits each declared event for the same order' : 'does nothing'}.
${body}
};
`;
}

/** @param {ReturnType<typeof normalize>} o */
function handlersIndex(o) {
  const imports = o.consumes.map((type) => `import { on${pascalOf(type)} } from './${fileOf(type)}';`).join('\n');
  const entries = o.consumes.map((type) => `    '${type}': on${pascalOf(type)},`).join('\n');
  return `import type { ${o.camel}Manifest } from '@troupe/order-catalogue';
import type { HandlersOf } from '@troupe/worker';
${imports}

/** One handler per event the manifest consumes (a missing or extra one fails to compile). */
export function ${o.camel}Handlers(): HandlersOf<typeof ${o.camel}Manifest> {
  return {
${entries}
  };
}
`;
}

/** @param {ReturnType<typeof normalize>} o */
function pendingReason(o) {
  return o.needsFields.length
    ? `implement the handler: ${o.needsFields.join(', ')} ${o.needsFields.length === 1 ? 'needs' : 'need'} more than the order id`
    : undefined;
}

/** @param {ReturnType<typeof normalize>} o */
function workerSpec(o) {
  const reason = pendingReason(o);
  const cases = o.consumes
    .map((type) => {
      const title = `${type} -> ${o.emits.join(', ') || 'nothing'} for the same order (the generated default)`;
      if (reason) return `  it('${title} (pending: ${reason})');`;
      return `  it('${title}', async () => {
    const event = sampleEvent('${type}');
    const emitted = await service.deliver(event);
    assert.deepEqual(emitted.map((out) => [out.type, out.data.orderId]), ${o.emits.length ? `[\n      ${o.emits.map((emitted) => `['${emitted}', event.data.orderId]`).join(',\n      ')},\n    ]` : '[]'});
  });`;
    })
    .join('\n\n');
  return `import assert from 'node:assert/strict';
import { orderCatalogue } from '@troupe/order-catalogue';
${reason ? '' : "import { sampleEvent } from '@troupe/order-catalogue/testing';\n"}import { loadConfig, workerConfigFields } from '@troupe/worker';
import { inMemoryService, type InMemoryService } from '@troupe/worker/testing';
import { ${o.camel}Handlers } from './handlers';
import { ${o.camel}Worker } from './worker';

describe('${o.name}', () => {
  let service: InMemoryService;
  beforeEach(async () => {
    service = await inMemoryService(orderCatalogue, '${o.name}', ${o.camel}Handlers(), () => undefined);
  });
  afterEach(() => service.close());

  it('is named ${o.name} and listens on ${o.port} unless PORT says otherwise', () => {
    assert.equal(${o.camel}Worker.service, '${o.name}');
    assert.equal(loadConfig({}, workerConfigFields(${o.camel}Worker.defaultPort)).PORT, ${o.port});
  });

${cases}
});
`;
}

/** @param {ReturnType<typeof normalize>} o */
function integrationSpec(o) {
  const reason = pendingReason(o);
  const [type] = o.consumes;
  const title = `publishes ${type} and sees ${o.emits.join(', ') || 'it consumed'} for the same order`;
  if (reason) {
    return `describe('${o.name} on the real broker', () => {
  it('${title} (pending: ${reason})');
});
`;
  }
  const waits = o.emits.length
    ? o.emits
        .map((emitted) => `    await system.until('${emitted}', () => system.seen().find((seen) => seen.type === '${emitted}' && seen.data.orderId === event.data.orderId));`)
        .join('\n')
    : `    await system.until('${type} consumed', async () => {
      const metrics = await (await fetch(\`\${system.urls[0]}/metrics\`)).text();
      return metrics.includes('troupe_messages_consumed_total{event="${type}"') ? true : undefined;
    });`;
  return `import assert from 'node:assert/strict';
import { consumedBy, newId } from '@troupe/contracts';
import { ${o.camel}Manifest } from '@troupe/order-catalogue';
import { sampleEvent } from '@troupe/order-catalogue/testing';
import { startOnBroker, type BrokerHarness } from '@troupe/worker/testing';

const consumes = consumedBy(${o.camel}Manifest);

describe('${o.name} on the real broker', function () {
  this.timeout(120_000);
  let system: BrokerHarness;
  before(async () => {
    system = await startOnBroker({ service: '${o.name}', entry: 'apps/${o.name}/src/main.ts', consumes });
  });
  after(() => system?.stop());

  it('${title}', async () => {
    const health = await fetch(\`\${system.urls[0]}/health\`);
    assert.equal(health.status, 200);
    const event = sampleEvent('${type}', { orderId: newId() });
    await system.publish(event);
${waits}
  });
});
`;
}

/**
 * @typedef {{ name: string, consumes?: string | string[], emits?: string | string[], port?: number | string, skipGenerate?: boolean }} WorkerOptions
 */

/** The compose path's files that list every worker: one MongoDB user and password per service database. */
const composeFile = 'docker-compose.yml';
const mongoUsersScript = 'tools/infra/compose/mongo-service-users.js';
const envExample = '.env.example';

/**
 * Inserts `line` after the last line matching `pattern` (the list it belongs to), unless `line` is there already;
 * undefined when the file has no such list.
 * @param {string} text @param {RegExp} pattern @param {string} line
 */
function afterLastLine(text, pattern, line) {
  if (text.includes(line)) return text;
  const lines = text.split('\n');
  const last = lines.map((candidate, index) => (pattern.test(candidate) ? index : -1)).filter((index) => index >= 0).at(-1);
  if (last === undefined) return undefined;
  lines.splice(last + 1, 0, line);
  return lines.join('\n');
}

/**
 * The compose path for a new worker: its MongoDB user in the init script, its password passed to mongodb and named
 * in .env.example (tools/architecture/src/compose-file.spec.ts holds these lists to the apps).
 * @param {import('@nx/devkit').Tree} tree @param {{ name: string }} o
 */
function registerInCompose(tree, o) {
  const variable = `MONGO_PASSWORD_${o.name.toUpperCase().replace(/-/g, '_')}`;
  /** @type {Array<[string, RegExp, string]>} */
  const edits = [
    [mongoUsersScript, /^  '[a-z0-9-]+',$/, `  '${o.name}',`],
    [composeFile, /^ +MONGO_PASSWORD_[A-Z0-9_]+: \$\{/, `      ${variable}: \${${variable}:?set ${variable} in .env}`],
    [envExample, /^MONGO_PASSWORD_[A-Z0-9_]+=/, `${variable}=change-me-${o.name}`],
  ];
  for (const [file, pattern, line] of edits) {
    if (!tree.exists(file)) continue;
    const edited = afterLastLine(tree.read(file, 'utf8') ?? '', pattern, line);
    if (edited !== undefined) tree.write(file, edited);
  }
}

/**
 * @param {import('@nx/devkit').Tree} tree
 * @param {WorkerOptions} options
 * @returns {() => void} runs the generation once the files are on disk
 */
function workerGenerator(tree, options) {
  const o = normalize(tree, options);
  const registryText = registered(tree.read(registry, 'utf8') ?? '', o);
  const app = `apps/${o.name}`;
  tree.write(o.manifestFile, manifestText(o));
  tree.write(registry, registryText);
  if (tree.exists(contractSystem)) {
    const system = inContractSystem(tree.read(contractSystem, 'utf8') ?? '', o);
    if (system !== undefined) tree.write(contractSystem, system);
  }
  if (tree.exists(eslintConfig)) {
    const lint = inContractLint(tree.read(eslintConfig, 'utf8') ?? '', o);
    if (lint !== undefined) tree.write(eslintConfig, lint);
  }
  if (tree.exists(contractProject)) {
    // A text edit keeps the file's layout; JSON.parse only checks the result.
    const text = tree.read(contractProject, 'utf8') ?? '{}';
    const edited = text.replace(/("implicitDependencies":\s*\[)([^\]]*?)(\s*\])/, (_all, open, items, close) =>
      `${open}${items}${items.trim() ? ', ' : ''}"${o.name}"${close}`);
    if (edited !== text && Array.isArray(JSON.parse(edited).implicitDependencies)) tree.write(contractProject, edited);
  }
  registerInCompose(tree, o);
  tree.write(`${app}/project.json`, `${JSON.stringify(projectJson(o), null, 2)}\n`);
  tree.write(`${app}/tsconfig.json`, `${JSON.stringify({ extends: '../../tsconfig.base.json', include: ['src/**/*.ts'] }, null, 2)}\n`);
  tree.write(`${app}/README.md`, readme(o));
  tree.write(`${app}/src/main.ts`, `import { runWorker } from '@troupe/worker';\nimport { ${o.camel}Worker } from './worker';\n\nvoid runWorker(${o.camel}Worker);\n`);
  tree.write(
    `${app}/src/worker.ts`,
    `import { ${o.camel}Manifest, orderCatalogue } from '@troupe/order-catalogue';
import { defineWorker } from '@troupe/worker';
import { ${o.camel}Handlers } from './handlers';

/** ${o.name}: TODO(${o.name}) say what it does. Consumes ${o.consumes.join(', ')}; emits ${o.emits.join(', ') || 'nothing'}. */
export const ${o.camel}Worker = defineWorker({
  catalogue: orderCatalogue,
  service: '${o.name}',
  manifest: ${o.camel}Manifest,
  defaultPort: ${o.port},
  handlers: () => ${o.camel}Handlers(),
});
`,
  );
  tree.write(`${app}/src/handlers/index.ts`, handlersIndex(o));
  for (const type of o.consumes) tree.write(`${app}/src/handlers/${fileOf(type)}.ts`, handlerText(o, type));
  tree.write(`${app}/src/worker.spec.ts`, workerSpec(o));
  tree.write(`${app}/src/${o.name}.integration.ts`, integrationSpec(o));
  return () => {
    if (options.skipGenerate) return;
    for (const target of ['order-catalogue:asyncapi', 'saga-map:generate']) {
      execFileSync('npx', ['nx', 'run', target, '--skip-nx-cache'], { cwd: tree.root, stdio: 'inherit' });
    }
    const pending = o.needsFields.length
      ? ` Pending: ${pendingReason(o)}; until then the handlers throw, their specs are pending and the order-contracts edges into ${o.name} fail.`
      : '';
    console.log(`${o.name} on port ${o.port}: implement the handlers in ${app}/src/handlers/ and the TODOs in ${o.manifestFile}.${pending}`);
  };
}

module.exports = { workerGenerator, camelOf, listOf };
module.exports.default = workerGenerator;
