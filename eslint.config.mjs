// Lint rules for every project. The module-boundary rule is the architecture, written down:
// apps sit on libs, libs never reach up, and only one lib may touch each infrastructure client.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const brokerClients = ['amqplib'];
const databaseDrivers = ['mongodb', 'better-sqlite3'];
const outsideInfra = [...brokerClients, ...databaseDrivers];

export const depConstraints = [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:order', onlyDependOnLibsWithTags: ['scope:order', 'scope:shared'] },
  { sourceTag: 'scope:tooling', onlyDependOnLibsWithTags: ['scope:tooling', 'scope:order', 'scope:shared'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:chassis', 'type:domain', 'type:contracts', 'type:messaging', 'type:data-access', 'type:util'], bannedExternalImports: outsideInfra },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:testing', 'type:contracts', 'type:util'], bannedExternalImports: outsideInfra },
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:testing', 'type:contracts', 'type:messaging', 'type:data-access', 'type:domain', 'type:util'], bannedExternalImports: outsideInfra },
  { sourceTag: 'type:chassis', onlyDependOnLibsWithTags: ['type:messaging', 'type:data-access', 'type:contracts', 'type:util'], bannedExternalImports: outsideInfra },
  { sourceTag: 'type:messaging', onlyDependOnLibsWithTags: ['type:data-access', 'type:contracts', 'type:util'], bannedExternalImports: databaseDrivers },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:util'], bannedExternalImports: brokerClients },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:contracts', 'type:util'], bannedExternalImports: outsideInfra },
  // A catalogue library (schemas + manifests) builds on the generic contracts library.
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts', 'type:util'], bannedExternalImports: outsideInfra },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'], bannedExternalImports: outsideInfra },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:testing', 'type:contracts', 'type:messaging', 'type:data-access', 'type:chassis', 'type:domain', 'type:util'], bannedExternalImports: outsideInfra },
];

// Tests may also lean on the test kits (`type:testing`); production code may not. The generic libraries' tests
// (scope:shared) exercise them with a real catalogue, the order one (tagged `catalogue:example`); their production
// code names no catalogue (tools/architecture proves it).
const testDepConstraints = depConstraints.map((constraint) => {
  if (constraint.sourceTag === 'scope:shared') return { ...constraint, onlyDependOnLibsWithTags: [...constraint.onlyDependOnLibsWithTags, 'catalogue:example'] };
  return constraint.sourceTag.startsWith('type:') && !constraint.onlyDependOnLibsWithTags.includes('type:testing')
    ? { ...constraint, onlyDependOnLibsWithTags: [...constraint.onlyDependOnLibsWithTags, 'type:testing'] }
    : constraint;
});
// The contract suite (apps/order-contracts) drives each app's worker definition in memory on the chassis' test kit:
// it may import the src/worker of every project tagged type:app, read from apps/*/project.json, so a new app needs no edit here.
const appsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'apps');
const appDirsTagged = (tag) =>
  readdirSync(appsDir).filter((dir) => {
    const file = path.join(appsDir, dir, 'project.json');
    return existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')).tags ?? []).includes(tag);
  });
const contractSuiteImports = appDirsTagged('type:app').map((app) => `../../${app}/src/worker`);
const contractSuiteConstraints = testDepConstraints.map((constraint) =>
  constraint.sourceTag === 'type:e2e' ? { ...constraint, onlyDependOnLibsWithTags: [...constraint.onlyDependOnLibsWithTags, 'type:chassis', 'type:messaging'] } : constraint,
);
// The saga board is the browser face of three tools: it compares a saga with the map by inspect's code, draws the
// saga-map tool's graph and acts on dead letters through the DLQ tool's actions, rather than re-implementing them.
// Only its src/tooling/ bridge files may import them, and only those tools' sources.
const boardToolImports = ['inspect', 'saga-map', 'dlq'].map((tool) => `../../../../tools/${tool}/src/**`);
const testFiles = ['**/*.spec.ts', '**/*.integration.ts', '**/*.e2e.ts', '**/testing.ts', '**/testing/**/*.ts', '**/test-support/**/*.ts', '**/test-fixtures/**/*.ts'];

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', 'tmp/**', 'data/**', '.nx/**', '**/*.generated.ts', 'tools/lint-fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: testFiles,
    rules: {
      '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints: testDepConstraints }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  {
    files: ['apps/saga-board/src/tooling/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: false, allow: boardToolImports, depConstraints }],
    },
  },
  // The contract suite runs every app's real worker definition in memory: the one project that may import an app,
  // and only its `src/worker` (apps/order-contracts, tests only).
  {
    files: ['apps/order-contracts/src/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: false, allow: contractSuiteImports, depConstraints: contractSuiteConstraints }],
    },
  },
];
