#!/usr/bin/env node
// `npm run worker -- <app>`: the production start of one worker, from the build (`npm run build`). This is what a
// supervisor (systemd, a container's CMD) runs, directly as `node tools/infra/worker.mjs <app>` or through npm. It
// checks the app name and that the build matches the sources, then runs dist/apps/<app>/main.js with the
// environment as it is (PORT, RABBITMQ_URL, …).
import { createRequire } from 'node:module';
import { servedApps } from './apps.mjs';
import { bundlePath, staleReason } from './build-layout.mjs';
import { exitRecordVariable, writeWorkerRecord } from './stop-summary.mjs';

const usageExitCode = 2;
const [app, ...extra] = process.argv.slice(2);
const known = servedApps().map((entry) => entry.name);
if (!app || extra.length > 0 || !known.includes(app)) {
  const what = !app ? 'no app named' : extra.length > 0 ? `one app at a time, got ${[app, ...extra].join(' ')}` : `unknown app "${app}"`;
  console.error(`[worker] ${what}. Usage: npm run worker -- <app>\n[worker] apps: ${known.join(', ')}`);
  process.exit(usageExitCode);
}
const stale = staleReason(app);
if (stale) {
  console.error(`[worker] ${stale}: run \`npm run build\` first (the production start runs built JavaScript only).`);
  process.exit(1);
}

// Under `npm start` the exit status would stop at Nx: the worker leaves its pid and, at the end, its exit status in
// files for npm start's stop and its summary.
const exitRecordDir = process.env[exitRecordVariable];
if (exitRecordDir) {
  const port = Number(process.env.PORT || servedApps().find((entry) => entry.name === app).port);
  writeWorkerRecord(exitRecordDir, 'running', { app, pid: process.pid, port });
  process.on('exit', (code) => writeWorkerRecord(exitRecordDir, 'exit', { app, pid: process.pid, port, code }));
}

// The bundle runs in this very process rather than in a child: one pid for the supervisor, so its SIGTERM reaches
// the worker's graceful stop directly, its SIGKILL leaves nothing running, and the exit status is the worker's own.
// Source maps make stack traces in logs point at the TypeScript sources.
process.setSourceMapsEnabled(true);
createRequire(import.meta.url)(bundlePath(app));
