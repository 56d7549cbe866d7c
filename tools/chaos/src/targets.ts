import { workerApps, type OrderApp } from '@troupe/order-testing';

/** An app's name, as its project.json names it. */
export type ChaosApp = OrderApp;

/**
 * Every worker of the workspace (each apps/<dir>/project.json with a serve target), the reconciler included, in port order:
 * the chaos system runs them all as processes, so a newly generated worker is run, and killed, too.
 */
export function chaosApps(): ChaosApp[] {
  return workerApps().map((app) => app.name);
}

/** Apps that run a second instance (sharing the first one's store) for the first part of a run. */
export const scaledApps: readonly ChaosApp[] = ['inventory-service', 'payment-service'];

/** One process slot: `payment-service` is instance 0, `payment-service#2` the second one. */
export interface Target {
  app: ChaosApp;
  index: number;
}

export const targetName = ({ app, index }: Target): string => (index === 0 ? app : `${app}#${index + 1}`);

export function parseTarget(name: string): Target {
  const match = /^([a-z0-9-]+)(?:#(\d+))?$/.exec(name);
  const app = match?.[1];
  const index = match?.[2] === undefined ? 0 : Number(match[2]) - 1;
  if (!app || !chaosApps().includes(app) || index < 0 || index > 1 || (index === 1 && !scaledApps.includes(app))) {
    throw new Error(`unknown worker '${name}': one of ${allTargets(true).map(targetName).join(', ')}`);
  }
  return { app, index };
}

/** The process slots of a run: every app once, plus the second instances when `twoInstances`; or every app `instances` times. */
export function allTargets(twoInstances: boolean, instances = 1): Target[] {
  if (instances > 1) return chaosApps().flatMap((app) => Array.from({ length: instances }, (_, index) => ({ app, index })));
  return chaosApps().flatMap((app) => [{ app, index: 0 }, ...(twoInstances && scaledApps.includes(app) ? [{ app, index: 1 }] : [])]);
}
