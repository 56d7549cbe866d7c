import path from 'node:path';
import { createStore, type Store, type StoreConfig } from '@troupe/persistence';
import type { WorkerConfig } from '../config/worker-config';

/** Database per service: MongoDB database `<service>` when MONGO_URL is set, else the file `DATA_DIR/<service>.sqlite`. */
export function storeConfigFor(service: string, config: Pick<WorkerConfig, 'MONGO_URL' | 'DATA_DIR'>): StoreConfig {
  if (config.MONGO_URL) return { kind: 'mongodb', url: config.MONGO_URL, database: service, appName: service };
  return { kind: 'sqlite', file: path.join(config.DATA_DIR, `${service}.sqlite`) };
}

export function openStore(service: string, config: Pick<WorkerConfig, 'MONGO_URL' | 'DATA_DIR'>): Promise<Store> {
  return createStore(storeConfigFor(service, config));
}
