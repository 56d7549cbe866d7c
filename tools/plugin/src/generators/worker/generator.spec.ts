import assert from 'node:assert/strict';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import type { Tree } from '@nx/devkit';
import { camelOf, listOf, workerGenerator } from './generator';

const schemasDir = 'libs/order-catalogue/src/schemas';
const manifestsDir = 'libs/order-catalogue/src/manifests';
const registry = `${manifestsDir}/reference-manifests.ts`;

const registryText = `import type { ServiceManifest } from '@troupe/contracts';
import { paymentServiceManifest } from './payment-service.manifest';

export {
  paymentServiceManifest,
};

/** The reference order system, in saga order. */
export const referenceManifests: readonly ServiceManifest[] = [
  paymentServiceManifest,
];
`;

const contractSystemText = `import { paymentServiceWorker } from '../../payment-service/src/worker';
import { readdressed } from './verify-edges';

export const referenceDefinitions = {
  'payment-service': paymentServiceWorker,
} as const;
`;

/** A workspace like Troupe's, cut down: four schemas, one manifest consuming order.created, one app on 3003. */
function workspace(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  const schema = (type: string, required: string[]) =>
    tree.write(`${schemasDir}/${type}/v1.schema.json`, JSON.stringify({ $id: `https://troupe.dev/schemas/${type}/v1`, required }));
  schema('order.created', ['orderId', 'customerId']);
  schema('loyalty.points-awarded', ['orderId']);
  schema('loyalty.tier-changed', ['orderId']);
  schema('payment.captured', ['orderId', 'paymentId', 'amountCents']);
  tree.write(`${manifestsDir}/payment-service.manifest.ts`, "reactions: [{ on: 'order.created', kind: 'forward', emits: [] }, { on: 'loyalty.tier-changed', kind: 'forward', emits: [] }]");
  tree.write(registry, registryText);
  tree.write('apps/order-contracts/src/order-system.ts', contractSystemText);
  tree.write('apps/order-contracts/project.json', JSON.stringify({ name: 'order-contracts', implicitDependencies: ['payment-service'] }));
  tree.write('eslint.config.mjs', "const contractApps = ['order-service', 'payment-service'];\nexport default [];\n");
  tree.write('apps/payment-service/project.json', JSON.stringify({ name: 'payment-service', targets: { serve: { metadata: { port: 3003 } } } }));
  tree.write('apps/order-view/project.json', JSON.stringify({ name: 'order-view', targets: { serve: { metadata: { port: 3007 } } } }));
  return tree;
}

const read = (tree: Tree, file: string) => tree.read(file, 'utf8') ?? assert.fail(`${file} not written`);
const loyalty = { name: 'loyalty-service', consumes: 'order.created', emits: 'loyalty.points-awarded,loyalty.tier-changed', skipGenerate: true };

describe('@troupe/plugin:worker', () => {
  it('writes the app in the standard layout on the next free port, skipping reserved ones', () => {
    const tree = workspace();
    const callback = workerGenerator(tree, loyalty);
    for (const file of ['project.json', 'tsconfig.json', 'README.md', 'src/main.ts', 'src/worker.ts', 'src/handlers/index.ts', 'src/handlers/on-order-created.ts', 'src/worker.spec.ts', 'src/loyalty-service.integration.ts']) {
      assert.ok(tree.exists(`apps/loyalty-service/${file}`), file);
    }
    const project = JSON.parse(read(tree, 'apps/loyalty-service/project.json'));
    assert.equal(project.name, 'loyalty-service');
    assert.deepEqual(project.tags, ['scope:order', 'type:app']);
    assert.equal(project.targets.serve.metadata.port, 3009);
    assert.equal(project.targets.build.options.command, 'node tools/infra/build.mjs loyalty-service');
    assert.equal(project.targets.serve.options.command, 'node --max-semi-space-size=4 --single-threaded-gc tools/infra/worker.mjs loyalty-service');
    assert.deepEqual([project.targets.lint, project.targets.typecheck, project.targets.test, project.targets.integration], [{}, {}, {}, {}]);
    assert.match(read(tree, 'apps/loyalty-service/src/main.ts'), /runWorker\(loyaltyServiceWorker\)/);
    const worker = read(tree, 'apps/loyalty-service/src/worker.ts');
    assert.match(worker, /import \{ loyaltyServiceManifest, orderCatalogue \} from '@troupe\/order-catalogue'/);
    assert.match(worker, /defaultPort: 3009,/); // 3008 is the saga board's
    assert.match(worker, /handlers: \(\) => loyaltyServiceHandlers\(\)/);
    assert.match(read(tree, 'apps/loyalty-service/src/handlers/index.ts'), /loyaltyServiceHandlers\(\): HandlersOf<typeof loyaltyServiceManifest>[\s\S]*'order\.created': onOrderCreated/);
    const handler = read(tree, 'apps/loyalty-service/src/handlers/on-order-created.ts');
    assert.match(handler, /TODO\(loyalty-service\): implement/);
    assert.match(handler, /ctx\.emit\('loyalty\.points-awarded', \{ orderId: event\.data\.orderId \}\)/);
    assert.match(handler, /ctx\.emit\('loyalty\.tier-changed', \{ orderId: event\.data\.orderId \}\)/);
    const spec = read(tree, 'apps/loyalty-service/src/worker.spec.ts');
    assert.match(spec, /inMemoryService\(orderCatalogue, 'loyalty-service', loyaltyServiceHandlers\(\), \(\) => undefined\)/);
    assert.match(spec, /sampleEvent\('order\.created'\)/);
    assert.doesNotMatch(spec, /pending/);
    assert.match(read(tree, 'apps/loyalty-service/README.md'), /Port: 3009[\s\S]*src\/handlers\//);
    assert.match(read(tree, 'apps/loyalty-service/src/loyalty-service.integration.ts'), /startOnBroker\(\{ service: 'loyalty-service', entry: 'apps\/loyalty-service\/src\/main\.ts', consumes \}\)/);
    assert.equal(typeof callback, 'function');
    callback(); // skipGenerate: runs nothing
  });

  it('writes the manifest (terminal = emitted types nobody consumes) and registers it', () => {
    const tree = workspace();
    workerGenerator(tree, loyalty);
    const manifest = read(tree, `${manifestsDir}/loyalty-service.manifest.ts`);
    assert.match(manifest, /export const loyaltyServiceManifest = defineManifest\(\{/);
    assert.match(manifest, /\{ on: 'order\.created', kind: 'forward', emits: \['loyalty\.points-awarded', 'loyalty\.tier-changed'\], why: 'TODO/);
    assert.match(manifest, /initiates: \[\],/);
    assert.match(manifest, /terminal: \['loyalty\.points-awarded'\],/);
    const registered = read(tree, registry);
    assert.match(registered, /import \{ loyaltyServiceManifest \} from '\.\/loyalty-service\.manifest';/);
    assert.match(registered, /export \{\n  paymentServiceManifest,\n  loyaltyServiceManifest,\n\};/);
    assert.match(registered, /= \[\n  paymentServiceManifest,\n  loyaltyServiceManifest,\n\];/);
    const system = read(tree, 'apps/order-contracts/src/order-system.ts');
    assert.match(system, /import \{ loyaltyServiceWorker \} from '\.\.\/\.\.\/loyalty-service\/src\/worker';/);
    assert.match(system, /'loyalty-service': loyaltyServiceWorker,\n\} as const;/);
    assert.deepEqual(JSON.parse(read(tree, 'apps/order-contracts/project.json')).implicitDependencies, ['payment-service', 'loyalty-service']);
    assert.match(read(tree, 'eslint.config.mjs'), /const contractApps = \['order-service', 'payment-service', 'loyalty-service'\];/);
  });

  it('adds the worker to the compose path: its MongoDB user, its password passed to mongodb and named in .env.example', () => {
    const tree = workspace();
    tree.write('tools/infra/compose/mongo-service-users.js', "const services = [\n  'order-service',\n  'payment-service',\n];\n");
    tree.write('docker-compose.yml', 'services:\n  mongodb:\n    environment:\n      MONGO_PASSWORD_PAYMENT_SERVICE: ${MONGO_PASSWORD_PAYMENT_SERVICE:?set it}\n  jaeger:\n');
    tree.write('.env.example', 'MONGO_ROOT_PASSWORD=x\nMONGO_PASSWORD_PAYMENT_SERVICE=change-me-payment-service\n# end\n');
    workerGenerator(tree, loyalty);
    assert.match(read(tree, 'tools/infra/compose/mongo-service-users.js'), /'payment-service',\n  'loyalty-service',\n\];/);
    assert.match(read(tree, 'docker-compose.yml'), /MONGO_PASSWORD_PAYMENT_SERVICE: .*\n      MONGO_PASSWORD_LOYALTY_SERVICE: \$\{MONGO_PASSWORD_LOYALTY_SERVICE:\?set MONGO_PASSWORD_LOYALTY_SERVICE in \.env\}\n  jaeger:/);
    assert.match(read(tree, '.env.example'), /MONGO_PASSWORD_PAYMENT_SERVICE=change-me-payment-service\nMONGO_PASSWORD_LOYALTY_SERVICE=change-me-loyalty-service\n# end/);
  });

  it('takes a given free port', () => {
    const tree = workspace();
    workerGenerator(tree, { ...loyalty, port: 3100 });
    assert.equal(JSON.parse(read(tree, 'apps/loyalty-service/project.json')).targets.serve.metadata.port, 3100);
  });

  it('generates a throwing handler and a pending spec when an emitted event needs more than the order id', () => {
    const tree = workspace();
    workerGenerator(tree, { name: 'audit-service', consumes: ['order.created'], emits: ['payment.captured'], skipGenerate: true });
    const handler = read(tree, 'apps/audit-service/src/handlers/on-order-created.ts');
    assert.match(handler, /throw new NonRecoverableError\(`not implemented/);
    assert.match(handler, /payment\.captured needs orderId, paymentId, amountCents/);
    const spec = read(tree, 'apps/audit-service/src/worker.spec.ts');
    assert.match(spec, /it\('order\.created -> payment\.captured for the same order \(the generated default\) \(pending: implement the handler: payment\.captured needs more than the order id\)'\);/);
    assert.match(read(tree, 'apps/audit-service/src/audit-service.integration.ts'), /\(pending: implement the handler/);
    assert.doesNotMatch(spec, /sampleEvent/, 'no unused import');
    assert.match(read(tree, `${manifestsDir}/audit-service.manifest.ts`), /terminal: \['payment\.captured'\],/);
  });

  it('refuses bad input with a clear error and writes nothing', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ name: '' }, /give the worker name/],
      [{ name: 'Loyalty_Service' }, /not lower-kebab-case/],
      [{ name: 'loyalty--service' }, /not lower-kebab-case/],
      [{ name: 'payment-service' }, /apps\/payment-service already exists/],
      [{ consumes: '' }, /at least one consumed event type/],
      [{ consumes: 'order.teleported' }, /no such event type in libs\/order-catalogue\/src\/schemas: order\.teleported/],
      [{ emits: 'loyalty.nope' }, /no such event type .*: loyalty\.nope/],
      [{ port: 3003 }, /port 3003 is already apps\/payment-service's serve port/],
      [{ port: 80 }, /not a port number/],
      [{ port: 3008 }, /port 3008 is reserved: the saga board/],
      [{ port: 'abc' }, /not a port number/],
    ];
    for (const [override, error] of cases) {
      const tree = workspace();
      const before = tree.listChanges().length;
      assert.throws(() => workerGenerator(tree, { ...loyalty, ...override } as never), error, JSON.stringify(override));
      assert.throws(() => workerGenerator(tree, { ...loyalty, ...override } as never), /^Error: @troupe\/plugin:worker: /);
      assert.equal(tree.listChanges().length, before, JSON.stringify(override));
    }
  });

  it('refuses a manifest that exists without an app', () => {
    const tree = workspace();
    tree.write(`${manifestsDir}/loyalty-service.manifest.ts`, '');
    assert.throws(() => workerGenerator(tree, loyalty), /loyalty-service\.manifest\.ts already exists/);
  });

  it('names and lists', () => {
    assert.equal(camelOf('loyalty-service'), 'loyaltyService');
    assert.equal(camelOf('order2-view'), 'order2View');
    assert.deepEqual(listOf('a.b, c.d,,a.b'), ['a.b', 'c.d']);
    assert.deepEqual(listOf(['a.b', 'c.d,e.f']), ['a.b', 'c.d', 'e.f']);
    assert.deepEqual(listOf(undefined), []);
  });
});
