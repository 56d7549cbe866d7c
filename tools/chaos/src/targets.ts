/** Every worker of the order system, the reconciler included: the chaos system runs them all as processes. */
export const chaosApps = [
  'order-service',
  'order-view',
  'inventory-service',
  'payment-service',
  'shipping-service',
  'notification-service',
  'analytics-service',
  'reconciler',
] as const;

export type ChaosApp = (typeof chaosApps)[number];

/** Apps that run a second instance (sharing the first one's store) for the first part of a run. */
export const scaledApps: readonly ChaosApp[] = ['inventory-service', 'payment-service'];

/** One process slot: `payment-service` is instance 0, `payment-service#2` the second one. */
export interface Target {
  app: ChaosApp;
  index: number;
}

export const targetName = ({ app, index }: Target): string => (index === 0 ? app : `${app}#${index + 1}`);

export function parseTarget(name: string): Target {
  const match = /^([a-z-]+)(?:#(\d+))?$/.exec(name);
  const app = match?.[1] as ChaosApp | undefined;
  const index = match?.[2] === undefined ? 0 : Number(match[2]) - 1;
  if (!app || !chaosApps.includes(app) || index < 0 || index > 1 || (index === 1 && !scaledApps.includes(app))) {
    throw new Error(`unknown worker '${name}': one of ${allTargets(true).map(targetName).join(', ')}`);
  }
  return { app, index };
}

/** The process slots of a run: every app once, plus the second instances when `twoInstances`. */
export function allTargets(twoInstances: boolean): Target[] {
  return chaosApps.flatMap((app) => [{ app, index: 0 }, ...(twoInstances && scaledApps.includes(app) ? [{ app, index: 1 }] : [])]);
}
