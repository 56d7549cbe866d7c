// `npm run chaos`: Troupe's fault suite. Starts the whole order system as processes, drives mixed orders while killing
// workers, restarting the broker, cutting connections, duplicating deliveries and injecting poison, then checks every
// order and queue. The table goes to stdout, ending with one line; exit 1 on any violation or loss, or goodput < 95 %.
import { chaosUsage, parseChaosOptions, type ChaosOptions } from './options';
import { runChaos } from './run-chaos';

const say = (line: string) => process.stderr.write(`[chaos] ${line}\n`);

async function main(): Promise<number> {
  let options: ChaosOptions;
  try {
    options = parseChaosOptions(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${chaosUsage}`);
    return 2;
  }
  let stopping = false;
  let firstSignalAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    // One Ctrl-C can arrive twice (from the terminal and forwarded by npm / chaos.mjs): a second within 2 s is the same one.
    if (stopping && Date.now() - firstSignalAt < 2_000) return;
    if (stopping) {
      say(`${signal} again: exiting now (workers are killed; if the broker was stopped, run \`rabbitmqctl start_app\`)`);
      process.exit(130);
    }
    stopping = true;
    firstSignalAt = Date.now();
    say(`${signal}: winding down — stopping the workers, giving the broker back, deleting the namespace (again to exit at once)`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const result = await runChaos(options, { log: say, shouldStop: () => stopping });
  if (stopping) say('interrupted: the table covers only what ran before the signal, and the system was not left to become quiet');
  console.log(result.report);
  console.log(result.line);
  if (stopping) return 130;
  return result.passed ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
