import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { workerNodeFlags } from '@troupe/testing';
import { workspaceRoot } from './workspace-files';

// Workers run with the same node flags everywhere they run as in production: `workerNodeFlags` (@troupe/testing, used
// by the test kits, chaos and the bench) and each app's serve target, which a JSON file cannot import.
describe('worker node flags', () => {
  it("every app's serve target runs the production start with workerNodeFlags", () => {
    const appsDir = path.join(workspaceRoot, 'apps');
    const served = readdirSync(appsDir)
      .map((dir) => path.join(appsDir, dir, 'project.json'))
      .filter((file) => existsSync(file))
      .map((file) => JSON.parse(readFileSync(file, 'utf8')) as { name: string; targets?: { serve?: { options?: { command?: string } } } })
      .filter((project) => project.targets?.serve);
    assert.ok(served.length >= 7, `served apps: ${served.map((project) => project.name).join(', ')}`);
    const wrong = served
      .filter((project) => project.targets!.serve!.options?.command !== `node ${workerNodeFlags.join(' ')} tools/infra/worker.mjs ${project.name}`)
      .map((project) => `${project.name}: ${project.targets!.serve!.options?.command}`);
    assert.deepEqual(wrong, []);
  });
});
