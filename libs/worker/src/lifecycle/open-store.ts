import path from 'node:path';
import { createStore, parseStoreFaults, withTransactionReruns, type Store, type StoreConfig } from '@troupe/persistence';
import type { WorkerConfig } from '../config/worker-config';

/**
 * Database per service: MongoDB database `<MONGO_DATABASE_PREFIX><service>` when MONGO_URL is set, else the file
 * `DATA_DIR/<service>.sqlite`.
 */
export function storeConfigFor(service: string, config: Pick<WorkerConfig, 'MONGO_URL' | 'MONGO_DATABASE_PREFIX' | 'DATA_DIR'>): StoreConfig {
  if (config.MONGO_URL) return { kind: 'mongodb', url: config.MONGO_URL, database: `${config.MONGO_DATABASE_PREFIX}${service}`, appName: service };
  return { kind: 'sqlite', file: path.join(config.DATA_DIR, `${service}.sqlite`) };
}

/**
 * Opens the service's store; with `STORE_FAULTS=rerun:<share>` its transactions re-run as MongoDB's do on a transient
 * error (see withTransactionReruns), each re-run reported to `onFaultInjected`.
 */
export async function openStore(
  service: string,
  config: Pick<WorkerConfig, 'MONGO_URL' | 'MONGO_DATABASE_PREFIX' | 'DATA_DIR' | 'STORE_FAULTS'>,
  onFaultInjected: () => void = () => undefined,
): Promise<Store> {
  const store = await createStore(storeConfigFor(service, config));
  const faults = parseStoreFaults(config.STORE_FAULTS);
  return faults ? withTransactionReruns(store, { share: faults.rerunShare, onRerun: onFaultInjected }) : store;
}
