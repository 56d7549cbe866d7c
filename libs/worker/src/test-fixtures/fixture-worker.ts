// A worker with knobs for the process tests: a slow route (in-flight work at shutdown), a stop hook that can hang,
// and a command emitting one event through the outbox (traced from the request to the publish).
import { examplesOf } from '@troupe/order-catalogue/testing';
import { booleanField, defineWorker, integerField, runWorker } from '../index';
import { orderCatalogue } from '@troupe/order-catalogue';

const fixtureWorker = defineWorker({
  catalogue: orderCatalogue,
  service: 'fixture-worker',
  defaultPort: 3999,
  config: {
    FIXTURE_SLOW_MS: integerField({ description: 'How long GET /slow takes.', default: 500, min: 0 }),
    FIXTURE_HANG_ON_STOP: booleanField({ description: 'Make the stop hook (returned by start) never finish.', default: false }),
    FIXTURE_SPIN_ON_STOP: booleanField({ description: 'Make the stop hook (returned by start) starve the event loop.', default: false }),
  },
  routes(http, { config, logger, messaging }) {
    http.post('/emit', async (_request, reply) => {
      const order = examplesOf('order.created')[0]!;
      await messaging.transaction((_session, outbox) => outbox.emit('order.created', order));
      return reply.status(202).send({ orderId: order.orderId });
    });
    http.get('/slow', async () => {
      logger.info('slow request started');
      await new Promise((resolve) => setTimeout(resolve, config.FIXTURE_SLOW_MS));
      return { finished: true };
    });
  },
  start({ config }) {
    return async () => {
      if (config.FIXTURE_HANG_ON_STOP) await new Promise<void>(() => undefined);
      // A promise chain that never yields to the event loop: no timer can fire while it runs.
      if (config.FIXTURE_SPIN_ON_STOP) for (;;) await undefined;
    };
  },
});

void runWorker(fixtureWorker);
