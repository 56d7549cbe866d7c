#!/usr/bin/env node
// `npm test`: ensure a broker, run every tier of every project through Nx, then print one line of real counts.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { provisionBrokerUsers } from './broker-users.mjs';
import { ensureRabbitMq } from './ensure-rabbitmq.mjs';
import { ensureTls } from './tls.mjs';
import { servedApps, workspaceRoot } from './apps.mjs';
import { checkoutId, checkSharedBroker } from './checkout.mjs';
import { exitCodeOf, spawnNx } from './nx.mjs';
import { readTotals, totalLines } from './test-totals.mjs';

const resultsDir = path.join(workspaceRoot, 'tmp', 'test-results');
const targets = (process.env.TROUPE_TEST_TARGETS ?? 'lint,typecheck,compat,check,test,integration,e2e').split(',');
// Narrows the run to some projects (e.g. `persistence,order-e2e` for `npm run test:mongo`); default every project.
const projects = process.env.TROUPE_TEST_PROJECTS ? ['-p', ...process.env.TROUPE_TEST_PROJECTS.split(',')] : [];

const url = await ensureRabbitMq().catch((error) => {
  console.error(`[test] ${error.message}`);
  process.exit(1);
});
// The TLS tests need the listener on 5671: set up once here, before any test runs (they fail, never skip, without it).
if (targets.includes('integration')) {
  await ensureTls(url).catch((error) => console.log(`[test] no TLS listener (${error.message}): the TLS integration tests will fail`));
}
// The `troupe` vhost and its per-service users, as `npm start` makes them. The tests themselves keep guest on `/`
// with a fresh name prefix each; broker permissions are proven in a throwaway vhost (tools/broker).
// Not while another checkout's workers log in as those users: re-provisioning from here would give them new passwords.
if (!process.env.RABBITMQ_URL) {
  const services = servedApps().map((app) => app.name);
  const shared = await checkSharedBroker({ amqpUrl: url, provisioning: true, prefix: '', services, ownId: checkoutId(workspaceRoot) });
  if (shared.others.length > 0) {
    const who = shared.others.map((other) => `checkout ${other.checkout}`).join(', ');
    console.log(`[test] the troupe vhost's users are in use by another checkout's workers (${who}): left as they are; the tests run on / and need no change there`);
  } else await provisionBrokerUsers(url, 'test');
}
rmSync(resultsDir, { recursive: true, force: true });
let nxCode = await exitCodeOf(
  spawnNx(['run-many', '-t', ...targets, ...projects, '--outputStyle=stream', '--skip-nx-cache'], { RABBITMQ_URL: url }),
);
// The chaos scenario restarts the shared broker, so it runs alone, after everything else; its counts join the total.
if (targets.includes('e2e') && projects.length === 0 && process.env.TROUPE_CHAOS !== '0') {
  const chaosCode = await exitCodeOf(spawnNx(['run', 'chaos:chaos-e2e', '--outputStyle=stream', '--skip-nx-cache'], { RABBITMQ_URL: url }));
  nxCode ||= chaosCode;
}
const sum = readTotals(resultsDir);
for (const line of totalLines(sum, { nxFailed: nxCode !== 0 })) console.log(line);
process.exit(nxCode !== 0 || sum.failures > 0 ? 1 : 0);
