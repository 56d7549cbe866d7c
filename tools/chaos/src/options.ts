import { parseTarget, targetName, type Target } from './targets';

export interface ChaosOptions {
  /** Replays the order mix, the fault schedule, which events are duplicated and the poison. */
  seed: number;
  orders: number;
  /** Seconds over which orders are placed and faults injected (the quiet wait comes after). */
  durationS: number;
  /** SIGKILL + restart rounds: every worker is killed this many times. */
  killsPerWorker: number;
  /** Restrict the kills to these workers (default: every worker of the run). */
  killTargets?: Target[];
  brokerRestarts: number;
  connectionCuts: number;
  /** How long the broker app stays stopped (rabbitmqctl stop_app → start_app). */
  brokerStopMs: number;
  /** How long the TCP proxy between the workers and the broker refuses connections. */
  cutMs: number;
  /** Share of real events republished unchanged (same body, message id, properties, headers). */
  duplicateRate: number;
  /** Poison messages as a share of the order count (at least one of each kind). */
  poisonRate: number;
  /** Run inventory- and payment-service twice for the first 60 % of the window. */
  twoInstances: boolean;
  /** SAGA_DEADLINE_MS for every worker; undefined keeps the apps' default (30 s). */
  sagaDeadlineMs?: number;
  rabbitmqUrl: string;
  managementUrl?: string;
  /** The broker control command, split on spaces: `rabbitmqctl`, or e.g. `docker compose exec -T rabbitmq rabbitmqctl`. */
  rabbitmqctl: string[];
  logLevel: string;
  /** Start workers from their TypeScript (tsx) even when a current build exists. */
  fromSource: boolean;
  /** The preset the flags start from: `default`, or `node-loss` (a local RabbitMQ cluster loses one node for a while). */
  scenario: ChaosScenario;
  /** Every worker this many times, competing consumers sharing their store; above 1 it replaces the second inventory/payment instances. */
  instances: number;
  /** Node losses on the local cluster (tools/infra/cluster.mjs): `rabbitmqctl -n troupe-<lostNode>@<host> stop_app`, `nodeDownMs`, `start_app`. */
  nodeLosses: number;
  nodeDownMs: number;
  /** The node stopped (not 1: the run's own connections and management reads go to troupe-1). */
  lostNode: number;
  clusterSize: number;
}

export const chaosScenarios = ['default', 'node-loss'] as const;
export type ChaosScenario = (typeof chaosScenarios)[number];

export const defaultChaosOptions: Omit<ChaosOptions, 'seed'> = {
  orders: 300,
  durationS: 150,
  killsPerWorker: 2,
  brokerRestarts: 2,
  connectionCuts: 1,
  brokerStopMs: 3_000,
  cutMs: 4_000,
  duplicateRate: 0.1,
  poisonRate: 0.01,
  twoInstances: true,
  rabbitmqUrl: 'amqp://guest:guest@localhost:5672',
  rabbitmqctl: ['rabbitmqctl'],
  logLevel: 'warn',
  fromSource: false,
  scenario: 'default',
  instances: 1,
  nodeLosses: 0,
  nodeDownMs: 10_000,
  lostNode: 2,
  clusterSize: 3,
};

/**
 * `--scenario node-loss`: 200 mixed orders over 60 s on a local 3-node cluster, and halfway through troupe-2 stops
 * (`stop_app`) for 10 s, then starts again. No kill, broker restart or cut (the workers reach the nodes directly, not
 * through the cut proxy); duplicates and poison as usual. A 20 s saga deadline keeps the tok_hang orders' wait short.
 */
export const nodeLossPreset: Omit<ChaosOptions, 'seed'> = {
  ...defaultChaosOptions,
  scenario: 'node-loss',
  orders: 200,
  durationS: 60,
  killsPerWorker: 0,
  brokerRestarts: 0,
  connectionCuts: 0,
  twoInstances: false,
  nodeLosses: 1,
  sagaDeadlineMs: 20_000,
};

/** Node-loss recovery bound (issue 16): every queue has its consumers back on surviving nodes within this long. */
export const consumerRecoveryBoundMs = 5_000;

export const chaosUsage = `npm run chaos -- [--seed N] [--orders 300] [--duration 150] [--kills-per-worker 2] [--kill <worker> ...]
  [--broker-restarts 2] [--cuts 1] [--broker-stop-ms 3000] [--cut-ms 4000] [--duplicate-rate 0.1] [--poison-rate 0.01]
  [--single-instances] [--saga-deadline-ms N] [--rabbitmqctl "rabbitmqctl"] [--log-level warn] [--from-source]
  [--scenario default|node-loss] [--instances N] [--node-down-ms 10000]
env: RABBITMQ_URL (default amqp://guest:guest@localhost:5672), RABBITMQ_MANAGEMENT_URL, CHAOS_RABBITMQCTL`;

function number(flag: string, value: string | undefined, { min, integer }: { min: number; integer: boolean }): number {
  const parsed = Number(value);
  if (value === undefined || !Number.isFinite(parsed) || parsed < min || (integer && !Number.isInteger(parsed))) {
    throw new Error(`${flag} needs ${integer ? 'an integer' : 'a number'} ≥ ${min}, got ${value ?? 'nothing'}`);
  }
  return parsed;
}

const share = (flag: string, value: string | undefined) => {
  const parsed = number(flag, value, { min: 0, integer: false });
  if (parsed > 1) throw new Error(`${flag} is a share between 0 and 1, got ${value}`);
  return parsed;
};

export function parseChaosOptions(argv: readonly string[], env: NodeJS.ProcessEnv = {}, now = Date.now()): ChaosOptions {
  const scenarioAt = argv.findIndex((arg) => arg === '--scenario');
  const scenario = scenarioAt === -1 ? 'default' : argv[scenarioAt + 1];
  if (!chaosScenarios.includes(scenario as ChaosScenario)) throw new Error(`--scenario is one of ${chaosScenarios.join(', ')}, got ${scenario ?? 'nothing'}`);
  const options: ChaosOptions = {
    ...(scenario === 'node-loss' ? nodeLossPreset : defaultChaosOptions),
    seed: now % 1_000_000,
    rabbitmqUrl: env.RABBITMQ_URL || defaultChaosOptions.rabbitmqUrl,
    ...(env.RABBITMQ_MANAGEMENT_URL ? { managementUrl: env.RABBITMQ_MANAGEMENT_URL } : {}),
    rabbitmqctl: env.CHAOS_RABBITMQCTL ? env.CHAOS_RABBITMQCTL.split(' ').filter(Boolean) : defaultChaosOptions.rabbitmqctl,
  };
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index]!;
    const value = () => argv[++index];
    switch (flag) {
      case '--seed': options.seed = number(flag, value(), { min: 0, integer: true }); break;
      case '--orders': options.orders = number(flag, value(), { min: 1, integer: true }); break;
      case '--duration': options.durationS = number(flag, value(), { min: 10, integer: false }); break;
      case '--kills-per-worker': options.killsPerWorker = number(flag, value(), { min: 0, integer: true }); break;
      case '--kill': options.killTargets = [...(options.killTargets ?? []), parseTarget(value() ?? '')]; break;
      case '--broker-restarts': options.brokerRestarts = number(flag, value(), { min: 0, integer: true }); break;
      case '--cuts': options.connectionCuts = number(flag, value(), { min: 0, integer: true }); break;
      case '--broker-stop-ms': options.brokerStopMs = number(flag, value(), { min: 0, integer: true }); break;
      case '--cut-ms': options.cutMs = number(flag, value(), { min: 0, integer: true }); break;
      case '--duplicate-rate': options.duplicateRate = share(flag, value()); break;
      case '--poison-rate': options.poisonRate = share(flag, value()); break;
      case '--single-instances': options.twoInstances = false; break;
      case '--from-source': options.fromSource = true; break;
      case '--saga-deadline-ms': options.sagaDeadlineMs = number(flag, value(), { min: 1000, integer: true }); break;
      case '--rabbitmqctl': options.rabbitmqctl = (value() ?? '').split(' ').filter(Boolean); break;
      case '--rabbitmq-url': options.rabbitmqUrl = value() ?? options.rabbitmqUrl; break;
      case '--log-level': options.logLevel = value() ?? options.logLevel; break;
      case '--scenario': value(); break;
      case '--instances': options.instances = number(flag, value(), { min: 1, integer: true }); break;
      case '--node-down-ms': options.nodeDownMs = number(flag, value(), { min: 0, integer: true }); break;
      default: throw new Error(`unknown option ${flag}`);
    }
  }
  if (options.rabbitmqctl.length === 0) throw new Error('--rabbitmqctl needs a command');
  if (options.instances > 4) throw new Error(`--instances ${options.instances}: at most 4 (every worker that many times on one machine)`);
  if (options.instances > 1) options.twoInstances = false;
  if (options.nodeLosses > 0 && (options.brokerRestarts > 0 || options.connectionCuts > 0)) {
    throw new Error('the node-loss scenario runs on the local cluster without the cut proxy: it takes no --broker-restarts or --cuts');
  }
  const deadline = options.sagaDeadlineMs ?? 30_000;
  const used = [
    ['--broker-stop-ms', options.brokerStopMs, options.brokerRestarts],
    ['--cut-ms', options.cutMs, options.connectionCuts],
  ] as const;
  for (const [name, ms] of used.filter(([, , count]) => count > 0)) {
    if (ms >= deadline / 2) throw new Error(`${name} ${ms} must stay well under the saga deadline (${deadline} ms): a fault longer than it turns good orders into timed_out by design`);
  }
  if (options.killTargets?.some((target) => target.index === 1) && !options.twoInstances) {
    throw new Error(`--kill ${options.killTargets.filter((target) => target.index === 1).map(targetName).join(', ')} needs the second instances (drop --single-instances)`);
  }
  return options;
}
