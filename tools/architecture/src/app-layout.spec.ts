import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { workspaceRoot } from './workspace-files';

// The one app layout (docs/architecture.md, "App layout"; `npx nx g @troupe/plugin:worker` writes it): src/main.ts
// only runs the worker, src/worker.ts only defines it, event handlers live in src/handlers/, HTTP routes in
// src/routes/ (each with an index.ts that exports what worker.ts wires), everything else in folders named by concern.

/** `payment-handlers.ts`, `handler.ts`, `order-view-handlers.spec.ts`; `stock-routes.ts`, `get-order-route.ts`. */
const handlerFile = /(^|-)handlers?[-.]/;
const routeFile = /(^|-)routes?[-.]/;

/** Every apps/* project tagged type:app that has a src/worker.ts, by directory name. */
function workerApps(root: string): string[] {
  const appsDir = path.join(root, 'apps');
  return readdirSync(appsDir)
    .filter((dir) => existsSync(path.join(appsDir, dir, 'project.json')) && existsSync(path.join(appsDir, dir, 'src', 'worker.ts')))
    .filter((dir) => {
      const tags: unknown = JSON.parse(readFileSync(path.join(appsDir, dir, 'project.json'), 'utf8')).tags;
      return Array.isArray(tags) && tags.includes('type:app');
    })
    .sort();
}

/** Why src/main.ts is more than `runWorker(<the worker imported from ./worker>)`, or undefined when it is just that. */
function mainProblem(source: ts.SourceFile): string | undefined {
  const fromWorker = new Set<string>();
  let calls = 0;
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const bindings = statement.importClause?.namedBindings;
      if ((statement.moduleSpecifier as ts.StringLiteral).text === './worker' && bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) fromWorker.add(element.name.text);
      }
      continue;
    }
    if (!ts.isExpressionStatement(statement)) return `has a statement other than imports and runWorker(…): \`${statement.getText(source)}\``;
    let expression = statement.expression;
    if (ts.isVoidExpression(expression) || ts.isAwaitExpression(expression)) expression = expression.expression;
    const call = ts.isCallExpression(expression) ? expression : undefined;
    const argument = call?.arguments.length === 1 ? call.arguments[0] : undefined;
    if (!call || !ts.isIdentifier(call.expression) || call.expression.text !== 'runWorker' || !argument || !ts.isIdentifier(argument)) {
      return `calls something other than runWorker(<worker>): \`${statement.getText(source)}\``;
    }
    if (!fromWorker.has(argument.text)) return `runs ${argument.text}, which is not imported from './worker'`;
    calls += 1;
  }
  return calls === 1 ? undefined : `calls runWorker ${calls} times (once expected)`;
}

/** The property names of the object literal handed to defineWorker(…) (`handlers`, `routes`, …); undefined without one. */
function definitionKeys(source: ts.SourceFile): Set<string> | undefined {
  let keys: Set<string> | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'defineWorker') {
      const definition = node.arguments[0];
      if (definition && ts.isObjectLiteralExpression(definition)) {
        keys = new Set();
        for (const property of definition.properties) {
          if (property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) keys.add(property.name.text);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return keys;
}

interface LayoutProblems {
  main: string[];
  /** *handlers*.ts / *routes*.ts directly in src/. */
  misplaced: string[];
  /** Other files directly in src/ that are neither main.ts, worker.ts, a spec nor an integration test. */
  loose: string[];
  /** handlers:/routes: without its folder, or a folder without index.ts. */
  folders: string[];
}

/** What in `root`'s worker apps departs from the standard layout, each message naming the app and the file. */
function layoutProblems(root: string): LayoutProblems {
  const problems: LayoutProblems = { main: [], misplaced: [], loose: [], folders: [] };
  const isDirectory = (dir: string) => existsSync(path.join(root, dir)) && statSync(path.join(root, dir)).isDirectory();
  const parse = (file: string) => ts.createSourceFile(file, readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
  for (const app of workerApps(root)) {
    const src = `apps/${app}/src`;
    const main = `${src}/main.ts`;
    if (!existsSync(path.join(root, main))) problems.main.push(`${app}: ${main} is missing (the entry point tools/infra/build.mjs bundles)`);
    else {
      const problem = mainProblem(parse(main));
      if (problem) problems.main.push(`${app}: ${main} ${problem}`);
    }

    const topLevel = readdirSync(path.join(root, src)).filter((entry) => statSync(path.join(root, src, entry)).isFile()).sort();
    for (const file of topLevel) {
      if (handlerFile.test(file)) problems.misplaced.push(`${app}: ${src}/${file} is an event-handler file: move it to ${src}/handlers/`);
      else if (routeFile.test(file)) problems.misplaced.push(`${app}: ${src}/${file} is an HTTP-route file: move it to ${src}/routes/`);
      else if (!['main.ts', 'worker.ts'].includes(file) && !file.endsWith('.spec.ts') && !file.endsWith('.integration.ts')) {
        problems.loose.push(`${app}: ${src}/${file} sits loose in src/: move it into a folder named by its concern (store/, jobs/, clients/, …)`);
      }
    }

    const keys = definitionKeys(parse(`${src}/worker.ts`));
    if (!keys) {
      problems.folders.push(`${app}: ${src}/worker.ts has no defineWorker({ … }) call`);
      continue;
    }
    for (const part of ['handlers', 'routes']) {
      const dir = `${src}/${part}`;
      if (keys.has(part) && !isDirectory(dir)) problems.folders.push(`${app}: ${src}/worker.ts has \`${part}:\` but ${dir}/ does not exist`);
      else if (isDirectory(dir) && !existsSync(path.join(root, dir, 'index.ts'))) {
        problems.folders.push(`${app}: ${dir}/index.ts is missing (it exports what src/worker.ts wires)`);
      }
    }
  }
  return problems;
}

const listed = (messages: string[]) => `\n  ${messages.join('\n  ')}`;

describe('app layout (every worker app the same shape)', () => {
  const problems = layoutProblems(workspaceRoot);

  it('finds the worker apps', () => {
    const apps = workerApps(workspaceRoot);
    for (const expected of ['order-service', 'inventory-service', 'payment-service', 'shipping-service', 'notification-service', 'analytics-service', 'order-view', 'reconciler']) {
      assert.ok(apps.includes(expected), `apps/${expected} (type:app with src/worker.ts) not found`);
    }
  });

  it('has a src/main.ts that only calls runWorker(<app>Worker)', () => {
    assert.deepEqual(problems.main, [], `src/main.ts must be only \`void runWorker(<app>Worker)\`:${listed(problems.main)}`);
  });

  it('keeps no *handlers*.ts or *routes*.ts directly in src/ (they belong in src/handlers/ and src/routes/)', () => {
    assert.deepEqual(problems.misplaced, [], `misplaced handler/route files:${listed(problems.misplaced)}`);
  });

  it('keeps only main.ts, worker.ts, specs and integration tests directly in src/ (the rest in folders named by concern)', () => {
    assert.deepEqual(problems.loose, [], `loose files in src/:${listed(problems.loose)}`);
  });

  it('has src/handlers/ when the definition has handlers:, src/routes/ when it has routes: (each with an index.ts)', () => {
    assert.deepEqual(problems.folders, [], `handler/route folders:${listed(problems.folders)}`);
  });

  it('the check bites: a flat handlers file, a busy main.ts, a missing handlers/ folder are each named with their app', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'app-layout-'));
    try {
      const write = (file: string, text: string) => {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        writeFileSync(path.join(root, file), text);
      };
      const project = JSON.stringify({ name: 'x', tags: ['scope:order', 'type:app'] });
      write('apps/flat-service/project.json', project);
      write('apps/flat-service/src/main.ts', "import { runWorker } from '@troupe/worker';\nimport { flatWorker } from './worker';\n\nconsole.log('starting');\nvoid runWorker(flatWorker);\n");
      write('apps/flat-service/src/worker.ts', "export const flatWorker = defineWorker({ handlers: () => flatHandlers(), routes(http) { flatRoutes(http); } });\n");
      write('apps/flat-service/src/flat-handlers.ts', '');
      write('apps/flat-service/src/flat-routes.ts', '');
      write('apps/flat-service/src/flat-store.ts', '');
      write('apps/flat-service/src/flat-handlers.spec.ts', '');
      write('apps/tidy-service/project.json', project);
      write('apps/tidy-service/src/main.ts', "import { runWorker } from '@troupe/worker';\nimport { tidyWorker } from './worker';\n\nvoid runWorker(tidyWorker);\n");
      write('apps/tidy-service/src/worker.ts', "export const tidyWorker = defineWorker({ handlers: () => tidyHandlers() });\n");
      write('apps/tidy-service/src/handlers/index.ts', '');
      write('apps/tidy-service/src/routes/status-routes.ts', '');
      write('apps/tidy-service/src/tidy.spec.ts', '');
      write('apps/tidy-service/src/tidy-service.integration.ts', '');
      write('apps/not-a-worker/project.json', JSON.stringify({ name: 'y', tags: ['scope:order', 'type:e2e'] }));
      write('apps/not-a-worker/src/worker.ts', '');
      write('apps/not-a-worker/src/order-handlers.ts', '');

      const found = layoutProblems(root);
      assert.deepEqual(found.main, ["flat-service: apps/flat-service/src/main.ts calls something other than runWorker(<worker>): `console.log('starting');`"]);
      assert.deepEqual(found.misplaced, [
        'flat-service: apps/flat-service/src/flat-handlers.spec.ts is an event-handler file: move it to apps/flat-service/src/handlers/',
        'flat-service: apps/flat-service/src/flat-handlers.ts is an event-handler file: move it to apps/flat-service/src/handlers/',
        'flat-service: apps/flat-service/src/flat-routes.ts is an HTTP-route file: move it to apps/flat-service/src/routes/',
      ].sort());
      assert.deepEqual(found.loose, ['flat-service: apps/flat-service/src/flat-store.ts sits loose in src/: move it into a folder named by its concern (store/, jobs/, clients/, …)']);
      assert.deepEqual(found.folders, [
        'flat-service: apps/flat-service/src/worker.ts has `handlers:` but apps/flat-service/src/handlers/ does not exist',
        'flat-service: apps/flat-service/src/worker.ts has `routes:` but apps/flat-service/src/routes/ does not exist',
        'tidy-service: apps/tidy-service/src/routes/index.ts is missing (it exports what src/worker.ts wires)',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
