#!/usr/bin/env node
// `npm run test:mongo`: the store contract suite and the whole end-to-end suite with every worker on MongoDB.
// Needs MONGO_URL (a replica set: transactions need one; `docker compose up -d` starts a single-node one).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { workspaceRoot } from './apps.mjs';

if (!process.env.MONGO_URL) {
  console.error(
    "[test:mongo] MONGO_URL is not set. Point it at a MongoDB replica set, e.g. MONGO_URL='mongodb://localhost:27017/?replicaSet=rs0' " +
      'after `docker compose up -d` (the compose file initialises a single-node replica set).',
  );
  process.exit(2);
}
const child = spawn(process.execPath, [path.join(workspaceRoot, 'tools/infra/test.mjs')], {
  stdio: 'inherit',
  env: { ...process.env, TROUPE_TEST_TARGETS: 'integration,e2e', TROUPE_TEST_PROJECTS: 'persistence,order-e2e' },
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
