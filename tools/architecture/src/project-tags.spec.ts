import assert from 'node:assert/strict';
import { readdirSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const workspaceRoot = path.resolve(__dirname, '..', '..', '..');

function projectFiles(): string[] {
  return ['apps', 'libs', 'tools'].flatMap((dir) =>
    readdirSync(path.join(workspaceRoot, dir))
      .map((name) => path.join(workspaceRoot, dir, name, 'project.json'))
      .filter((file) => existsSync(file)),
  );
}

describe('project tags', () => {
  it('finds the reference apps of the order system and the shared libs (a check that projects are found, not the list of apps)', () => {
    const names = projectFiles().map((file) => JSON.parse(readFileSync(file, 'utf8')).name);
    for (const expected of ['order-service', 'order-view', 'inventory-service', 'payment-service', 'shipping-service',
      'notification-service', 'analytics-service', 'reconciler', 'contracts', 'messaging', 'persistence', 'worker', 'testing', 'saga']) {
      assert.ok(names.includes(expected), `missing project ${expected}`);
    }
  });

  it('tags every project with exactly one scope:* and one type:*', () => {
    for (const file of projectFiles()) {
      const { name, tags = [] } = JSON.parse(readFileSync(file, 'utf8'));
      assert.equal(tags.filter((t: string) => t.startsWith('scope:')).length, 1, `${name} needs one scope tag`);
      assert.equal(tags.filter((t: string) => t.startsWith('type:')).length, 1, `${name} needs one type tag`);
    }
  });

  it('exposes each lib only through src/index.ts (and src/testing.ts)', () => {
    const paths: Record<string, string[]> = JSON.parse(readFileSync(path.join(workspaceRoot, 'tsconfig.base.json'), 'utf8')).compilerOptions.paths;
    for (const [alias, [target]] of Object.entries(paths)) {
      assert.match(target, /^libs\/[a-z-]+\/src\/(index|testing)\.ts$/, `${alias} points at ${target}`);
    }
  });
});
