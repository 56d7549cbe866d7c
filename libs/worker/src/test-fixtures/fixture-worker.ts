// A worker with knobs for the process tests: a slow route (in-flight work at shutdown) and a stop hook that can hang.
import { booleanField, defineWorker, integerField, runWorker } from '../index';

const fixtureWorker = defineWorker({
  service: 'fixture-worker',
  defaultPort: 3999,
  config: {
    FIXTURE_SLOW_MS: integerField({ description: 'How long GET /slow takes.', default: 500, min: 0 }),
    FIXTURE_HANG_ON_STOP: booleanField({ description: 'Make the onStop hook never finish.', default: false }),
    FIXTURE_SPIN_ON_STOP: booleanField({ description: 'Make the onStop hook starve the event loop.', default: false }),
  },
  routes(http, { config, logger }) {
    http.get('/slow', async () => {
      logger.info('slow request started');
      await new Promise((resolve) => setTimeout(resolve, config.FIXTURE_SLOW_MS));
      return { finished: true };
    });
  },
  async onStop({ config }) {
    if (config.FIXTURE_HANG_ON_STOP) await new Promise<void>(() => undefined);
    // A promise chain that never yields to the event loop: no timer can fire while it runs.
    if (config.FIXTURE_SPIN_ON_STOP) for (;;) await undefined;
  },
});

void runWorker(fixtureWorker);
