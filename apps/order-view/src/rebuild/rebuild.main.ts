import { ConfigError, configErrorExitCode, loadConfig, workerConfigFields } from '@troupe/worker';
import { progressWriter } from './progress-line';
import { parseRebuildFlags, rebuildUsage } from './rebuild-flags';
import { RebuildRefused, rebuildOrderView } from './rebuild-order-view';

/** `nx run order-view:rebuild [-- --force]`: settings read once, here, from flags and order-view's own variables. */
async function main(): Promise<number> {
  let flags;
  let config;
  try {
    flags = parseRebuildFlags(process.argv.slice(2));
    config = loadConfig(process.env, workerConfigFields(3001));
  } catch (error) {
    process.stderr.write(`order-view rebuild: ${(error as Error).message}\n${error instanceof ConfigError ? '' : `${rebuildUsage}\n`}`);
    return error instanceof ConfigError ? configErrorExitCode : 64;
  }
  if (flags.help) {
    process.stdout.write(`${rebuildUsage}\n`);
    return 0;
  }
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  const startedAt = Date.now();
  try {
    const result = await rebuildOrderView({
      ...config,
      orderViewUrl: `http://${host}:${config.PORT}`,
      force: flags.force,
      onProgress: progressWriter(process.stderr),
      log: (line) => process.stderr.write(`${line}\n`),
    });
    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
    process.stderr.write(`\nrebuild: done in ${seconds} s: ${result.read} events read, ${result.projected} projected, ${result.invalid} invalid skipped; the rebuilt view is live\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`\norder-view rebuild: ${(error as Error).message}\n`);
    return error instanceof RebuildRefused ? 2 : 1;
  }
}

void main().then((code) => process.exit(code));
