import { defaultChaosOptions, type ChaosOptions } from './options';

/**
 * The short scenario `npm test` runs (tools/chaos/src/chaos.e2e.ts): about 100 orders and one fault of each kind — a
 * SIGKILL of order-service (the API clients see), one broker restart, one connection cut, 10 % duplicates, one poison
 * message of each kind — with a 20 s saga deadline so the tok_hang orders time out within the scenario.
 */
export function shortScenario(seed: number, env: NodeJS.ProcessEnv): ChaosOptions {
  return {
    ...defaultChaosOptions,
    seed,
    orders: 100,
    durationS: 45,
    killsPerWorker: 1,
    killTargets: [{ app: 'order-service', index: 0 }],
    brokerRestarts: 1,
    connectionCuts: 1,
    twoInstances: false,
    sagaDeadlineMs: 20_000,
    rabbitmqUrl: env.RABBITMQ_URL || defaultChaosOptions.rabbitmqUrl,
    ...(env.RABBITMQ_MANAGEMENT_URL ? { managementUrl: env.RABBITMQ_MANAGEMENT_URL } : {}),
    ...(env.CHAOS_RABBITMQCTL ? { rabbitmqctl: env.CHAOS_RABBITMQCTL.split(' ').filter(Boolean) } : {}),
  };
}
