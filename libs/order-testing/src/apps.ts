import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { workspaceRoot } from '@troupe/testing';

/** An app's name, as its project.json names it (`order-service`); the list is the workspace's, not a type's. */
export type OrderApp = string;

/** A worker of the order system, read from its apps/<dir>/project.json. */
export interface WorkerApp {
  name: OrderApp;
  /** Its serve target's `metadata.port`: the port `npm start` gives it (tests use free ports instead). */
  port: number;
  /** Its TypeScript entry, relative to the workspace root (`apps/order-service/src/main.ts`). */
  entry: string;
}

interface ProjectJson {
  name?: string;
  targets?: { serve?: { metadata?: { port?: unknown } } };
}

/**
 * Every worker of the workspace: each apps/<dir>/project.json with a `serve` target, in port order (then name), as
 * `npm start` finds them (tools/infra/apps.mjs). Read afresh on every call, so a newly generated app needs no
 * registration anywhere. A serve target without a numeric `metadata.port` is an error, never a silently skipped app.
 */
export function workerApps(root: string = workspaceRoot()): WorkerApp[] {
  const appsDir = path.join(root, 'apps');
  return readdirSync(appsDir)
    .filter((dir) => existsSync(path.join(appsDir, dir, 'project.json')))
    .flatMap((dir) => {
      const file = path.join(appsDir, dir, 'project.json');
      const project = JSON.parse(readFileSync(file, 'utf8')) as ProjectJson;
      const serve = project.targets?.serve;
      if (!serve) return [];
      const port = serve.metadata?.port;
      if (typeof port !== 'number' || !Number.isInteger(port)) throw new Error(`apps/${dir}/project.json: the serve target needs a numeric metadata.port`);
      return [{ name: project.name ?? dir, port, entry: `apps/${dir}/src/main.ts` }];
    })
    .sort((a, b) => a.port - b.port || a.name.localeCompare(b.name));
}

/**
 * Apps `startOrderSystem` leaves out, each for a reason. The reconciler repairs the drift between the views and
 * order-service: running it would hide exactly the divergences the end-to-end invariants are there to catch (the
 * chaos system runs it, tools/chaos, to prove the repairs). The saga board takes no part in a saga and reads
 * order-view at a URL known only once the system runs: its own end-to-end test starts it against a started system.
 */
const notInTestSystem: ReadonlySet<OrderApp> = new Set(['reconciler', 'saga-board']);

/** The workers `startOrderSystem` starts (and the bench measures): every worker of the workspace but those above. */
export function orderSystemApps(root?: string): WorkerApp[] {
  return workerApps(root).filter((app) => !notInTestSystem.has(app.name));
}
