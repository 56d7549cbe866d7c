import { orderSystemApps, type OrderApp } from '@troupe/order-testing';

export type Mode = 'saturated' | 'rate' | 'both';
export type Mix = 'happy' | 'mixed';

export interface BenchOptions {
  mode: Mode;
  /** Saturated phase: this many orders, at most `concurrency` in flight (closed loop). */
  orders: number;
  concurrency: number;
  /** Rate phase: `rate` orders/s for `duration` s, open loop. */
  rate: number;
  duration: number;
  mix: Mix;
  /** Sagas of the raw replay's saturated phase (it is fast, so more of them than orders for a steady figure). */
  rawSagas: number;
  raw: boolean;
  /** A running system instead of starting one: app → base URL (unlisted apps: their serve ports, from their project.json). */
  targetUrls: Partial<Record<OrderApp, string>>;
  /** RABBITMQ_PREFIX of the running system (target mode only). */
  prefix: string;
  rabbitmqUrl: string;
  json: boolean;
  /**
   * Write a V8 CPU profile of every app into this directory (`node --cpu-prof`), and `window.json` there: the troupe
   * saturated phase's bounds (CLOCK_MONOTONIC µs, the profiles' clock) and the apps' pids, for the analyser.
   */
  profileDir?: string;
  /** Processes per app of the system the bench starts (competing consumers; POSTs spread over order-service's). */
  instances: number;
  /**
   * On a local cluster of this many nodes (tools/infra/cluster.mjs): `npm run bench` ensures it and hands the bench its
   * comma-separated RABBITMQ_URL. Here only recorded, for the report.
   */
  cluster?: number;
}

export const defaultOptions: BenchOptions = {
  mode: 'both',
  orders: 400,
  concurrency: 40,
  rate: 100,
  duration: 20,
  mix: 'happy',
  rawSagas: 2000,
  raw: true,
  targetUrls: {},
  prefix: '',
  rabbitmqUrl: 'amqp://guest:guest@localhost:5672',
  json: false,
  instances: 1,
};

export const usage = `npm run bench -- [--mode saturated|rate|both] [--orders 400] [--concurrency 40]
  [--rate 100] [--duration 20] [--mix happy|mixed] [--raw-sagas 2000] [--no-raw]
  [--target-url order-service=http://localhost:3000 ...] [--prefix <RABBITMQ_PREFIX>] [--json] [--profile <dir>]
  [--instances 1] [--cluster N]`;

function wholeNumber(flag: string, value: string | undefined, max: number): number {
  const parsed = Number(value);
  if (value === undefined || !/^\d+$/.test(value) || parsed < 1 || parsed > max) throw new Error(`${flag} needs a whole number from 1 to ${max}, got ${value ?? 'nothing'}`);
  return parsed;
}

function positive(flag: string, value: string | undefined): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${flag} needs a positive number, got ${value ?? 'nothing'}`);
  return parsed;
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) throw new Error(`${flag} must be one of ${allowed.join(', ')}, got ${value ?? 'nothing'}`);
  return value as T;
}

function targetUrl(value: string | undefined): [OrderApp, string] {
  const apps = orderSystemApps().map((app) => app.name);
  const match = /^([a-z0-9-]+)=(https?:\/\/.+)$/.exec(value ?? '');
  if (!match || !apps.includes(match[1]!)) {
    throw new Error(`--target-url takes <app>=<url> with app one of ${apps.join(', ')}, got ${value ?? 'nothing'}`);
  }
  return [match[1]!, match[2]!.replace(/\/$/, '')];
}

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv = {}): BenchOptions {
  const options: BenchOptions = { ...defaultOptions, targetUrls: {}, rabbitmqUrl: env.RABBITMQ_URL ?? defaultOptions.rabbitmqUrl };
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index]!;
    const value = () => argv[++index];
    switch (flag) {
      case '--mode': options.mode = oneOf(flag, value(), ['saturated', 'rate', 'both'] as const); break;
      case '--orders': options.orders = Math.round(positive(flag, value())); break;
      case '--concurrency': options.concurrency = Math.round(positive(flag, value())); break;
      case '--rate': options.rate = positive(flag, value()); break;
      case '--duration': options.duration = positive(flag, value()); break;
      case '--mix': options.mix = oneOf(flag, value(), ['happy', 'mixed'] as const); break;
      case '--raw-sagas':
      case '--raw-chains': options.rawSagas = Math.round(positive(flag, value())); break;
      case '--no-raw': options.raw = false; break;
      case '--target-url': {
        const [app, url] = targetUrl(value());
        options.targetUrls[app] = url;
        break;
      }
      case '--prefix': options.prefix = value() ?? ''; break;
      case '--rabbitmq-url': options.rabbitmqUrl = value() ?? options.rabbitmqUrl; break;
      case '--json': options.json = true; break;
      case '--instances': options.instances = wholeNumber(flag, value(), 4); break;
      case '--cluster': options.cluster = wholeNumber(flag, value(), 9); break;
      case '--profile': options.profileDir = value() ?? ''; if (!options.profileDir) throw new Error('--profile needs a directory'); break;
      default: throw new Error(`unknown option ${flag}\n${usage}`);
    }
  }
  if (options.instances > 1 && Object.keys(options.targetUrls).length > 0) throw new Error('--instances sets up the system the bench starts; a running system (--target-url) has the instances it has');
  if (options.cluster !== undefined && Object.keys(options.targetUrls).length > 0) throw new Error('--cluster runs the system the bench starts on the local cluster; with --target-url, run that system on the cluster instead');
  return options;
}

export const runsSaturated = (options: BenchOptions) => options.mode !== 'rate';
export const runsRate = (options: BenchOptions) => options.mode !== 'saturated';
export const targetsRunningSystem = (options: BenchOptions) => Object.keys(options.targetUrls).length > 0;
