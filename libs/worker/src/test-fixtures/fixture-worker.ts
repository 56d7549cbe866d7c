// A worker with knobs for the process tests: a slow route (in-flight work at shutdown) and a stop hook that can hang.
import { booleanField, defineWorker, integerField, runWorker } from '../index';

const fixtureWorker = defineWorker({
  service: 'fixture-worker',
  defaultPort: 3999,
  config: {
    FIXTURE_SLOW_MS: integerField({ description: 'How long GET /slow takes.', default: 500, min: 0 }),
    FIXTURE_HANG_ON_STOP: booleanField({ description: 'Make the onStop hook never finish.', default: false }),
  },
  routes(http, { config, logger }) {
    http.get('/slow', async () => {
      logger.info('slow request started');
      await new Promise((resolve) => setTimeout(resolve, config.FIXTURE_SLOW_MS));
      return { finished: true };
    });
  },
  onStop({ config }) {
    if (config.FIXTURE_HANG_ON_STOP) return new Promise<void>(() => undefined);
  },
});

void runWorker(fixtureWorker);
