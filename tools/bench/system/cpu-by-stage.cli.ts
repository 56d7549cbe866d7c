// `npx tsx tools/bench/system/cpu-by-stage.cli.ts DIR [--sagas N] [--window fromMicros,toMicros] [--markdown]`
// The workers' CPU by stage from the profiles `npm run bench -- --profile DIR` wrote (see cpu-by-stage.ts). The
// window and the saga count default from DIR/window.json; pids map to apps through it, else through the bundle URLs.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  analyzeProfiles,
  appsByPid,
  bundleFit,
  bundleModules,
  parseProfileFileName,
  renderMarkdown,
  renderText,
  type CpuByStageReport,
  type CpuProfile,
  type ModuleMap,
  type ProfileInput,
  type TimeWindow,
  type WindowFile,
} from './cpu-by-stage';

export interface CpuByStageOptions {
  /** Overrides window.json's saga count. */
  sagas?: number;
  /** Overrides window.json's window. */
  window?: TimeWindow;
  topLeaves?: number;
}

/** Reads DIR's profiles (and window.json) and sums them by app and stage. Throws with a message fit for a user. */
export function cpuByStageOfDirectory(dir: string, options: CpuByStageOptions = {}): CpuByStageReport {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${dir}: no such directory (the --profile directory of a bench run)`);
  const files = readdirSync(dir).filter((name) => parseProfileFileName(name) !== undefined).sort();
  if (files.length === 0) throw new Error(`${dir} holds no CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile files (were the apps started with --cpu-prof, and did they exit?)`);
  const windowFile = path.join(dir, 'window.json');
  const listed: WindowFile | undefined = existsSync(windowFile) ? (JSON.parse(readFileSync(windowFile, 'utf8')) as WindowFile) : undefined;
  if (!options.window && listed && listed.toMicros === null) throw new Error(`${windowFile} has no toMicros: the phase did not finish; pass --window fromMicros,toMicros`);
  const window: TimeWindow | undefined = options.window ?? (listed && listed.toMicros !== null ? { fromMicros: listed.fromMicros, toMicros: listed.toMicros } : undefined);
  if (!window || !Number.isFinite(window.fromMicros) || !Number.isFinite(window.toMicros)) {
    throw new Error(`no window: ${dir}/window.json is ${listed ? 'missing fromMicros/toMicros' : 'missing'}; pass --window fromMicros,toMicros (CLOCK_MONOTONIC µs)`);
  }
  const sagas = options.sagas ?? listed?.sagas;
  if (sagas === undefined || !(sagas > 0)) throw new Error(`no saga count: ${listed ? 'window.json has no sagas' : 'no window.json'}; pass --sagas N`);

  const inputs: ProfileInput[] = files.map((file) => {
    const { pid, thread } = parseProfileFileName(file)!;
    let profile: CpuProfile;
    try {
      profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
    } catch (error) {
      throw new Error(`${file}: not a readable .cpuprofile (${error instanceof Error ? error.message : String(error)})`);
    }
    if (!Array.isArray(profile.nodes) || !Array.isArray(profile.samples) || !Array.isArray(profile.timeDeltas)) throw new Error(`${file}: not a V8 CPU profile (nodes, samples, timeDeltas)`);
    return { pid, thread, profile, file };
  });
  const measured = new Map<number, number>();
  for (const process of listed?.processes ?? []) if (typeof process.cpuMs === 'number') measured.set(process.pid, process.cpuMs);
  const apps = appsByPid(inputs, listed?.processes);
  const notes: string[] = [];
  const report = analyzeProfiles(inputs, {
    window,
    sagas,
    apps,
    ...(measured.size > 0 ? { measuredMs: measured } : {}),
    modules: bundleModuleReader(dir, inputs, notes),
    ...(options.topLeaves ? { topLeaves: options.topLeaves } : {}),
  });
  report.notes.push(...notes);
  return report;
}

/**
 * Module maps of the bundles the profiles ran, read once each: DIR/bundles/<app>/main.js when the run kept a copy, else
 * the file the profile's URL names. A map is used only if the profile's named frames fit its lines (see bundleFit):
 * a bundle rebuilt since the run would put frames in the wrong modules. Without a map the rules that need a module
 * (anonymous functions in the bundle) cannot apply and those samples fall to the context rules; a note says so.
 */
function bundleModuleReader(dir: string, inputs: readonly ProfileInput[], notes: string[]): (url: string) => ModuleMap | undefined {
  const maps = new Map<string, ModuleMap | undefined>();
  return (url) => {
    if (!maps.has(url)) maps.set(url, readModuleMap(dir, url, inputs, notes));
    return maps.get(url);
  };
}

function readModuleMap(dir: string, url: string, inputs: readonly ProfileInput[], notes: string[]): ModuleMap | undefined {
  const app = /dist\/apps\/([^/]+)\/main\.js$/.exec(url)?.[1] ?? '?';
  const frames = inputs.flatMap((input) => input.profile.nodes.map((node) => node.callFrame).filter((frame) => frame.url === url));
  const candidates = [path.join(dir, 'bundles', app, 'main.js'), url.startsWith('file:') ? fileURLToPath(url) : url];
  const tried: string[] = [];
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    const { checked, fitting } = bundleFit(text, frames);
    if (checked > 0 && fitting / checked >= 0.9) return bundleModules(text);
    tried.push(`${file}: ${fitting}/${checked} named frames fit`);
  }
  notes.push(`${app}: no module map (${tried.length > 0 ? `the bundle changed since the run; ${tried.join('; ')}` : 'bundle not found'}); anonymous bundle functions fall to the context rules. Keep a copy of dist/apps/${app}/main.js in ${path.join(dir, 'bundles', app, 'main.js')} when profiling.`);
  return undefined;
}

function parseArguments(argv: string[]): { dir: string; options: CpuByStageOptions; markdown: boolean } {
  let dir: string | undefined;
  const options: CpuByStageOptions = {};
  let markdown = false;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    const value = () => {
      const next = argv[++index];
      if (next === undefined) throw new Error(`${argument} needs a value`);
      return next;
    };
    if (argument === '--sagas') {
      options.sagas = Number(value());
      if (!Number.isInteger(options.sagas) || options.sagas <= 0) throw new Error('--sagas needs a positive integer');
    } else if (argument === '--window') {
      const [from, to] = value().split(',').map(Number);
      if (!Number.isFinite(from) || !Number.isFinite(to) || !(to! > from!)) throw new Error('--window needs fromMicros,toMicros with from < to (CLOCK_MONOTONIC µs)');
      options.window = { fromMicros: from!, toMicros: to! };
    } else if (argument === '--top') {
      options.topLeaves = Number(value());
    } else if (argument === '--markdown') markdown = true;
    else if (argument.startsWith('--')) throw new Error(`unknown option ${argument}`);
    else if (dir === undefined) dir = argument;
    else throw new Error(`one directory only (got ${dir} and ${argument})`);
  }
  if (dir === undefined) throw new Error('usage: cpu-by-stage.cli.ts DIR [--sagas N] [--window fromMicros,toMicros] [--markdown] [--top N]');
  return { dir, options, markdown };
}

if (require.main === module) {
  try {
    const { dir, options, markdown } = parseArguments(process.argv.slice(2));
    const report = cpuByStageOfDirectory(dir, options);
    process.stdout.write(markdown ? renderMarkdown(report) : renderText(report));
  } catch (error) {
    process.stderr.write(`[cpu-by-stage] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
