import { startOrderSystem, type OrderSystem, type OrderSystemOptions } from '@troupe/order-testing';

/**
 * Mocha hooks giving a suite its own order system (own broker namespace, data dir, processes): started in
 * `before`, stopped in `after` even when tests fail; a failing test prints the tail of every process's log
 * and names any process that exited. Returns a getter because the system exists only once `before` ran.
 */
export function useOrderSystem(options: OrderSystemOptions = {}): () => OrderSystem {
  let system: OrderSystem | undefined;

  before(async function () {
    this.timeout((options.startTimeoutMs ?? 90_000) + 30_000);
    system = await startOrderSystem(options);
  });

  afterEach(function () {
    if (!system) return;
    const crashed = system.exited();
    if (this.currentTest?.state === 'failed' || crashed.length > 0) {
      const names = crashed.map((instance) => `${instance.app}#${instance.index} exited ${JSON.stringify(instance.exit)}`);
      console.error(`\n${names.length > 0 ? `exited: ${names.join(', ')}\n` : ''}${system.logs(40)}`);
    }
  });

  after(async function () {
    this.timeout(60_000);
    await system?.stop();
  });

  return () => {
    if (!system) throw new Error('the order system has not started (see the before hook failure)');
    return system;
  };
}
