import path from 'node:path';
import { createSqliteStore, type Store } from '@troupe/persistence';
import type { WorkerConfig } from '../config/worker-config';

/** Database per service: MongoDB database `<service>` when MONGO_URL is set, else `DATA_DIR/<service>.sqlite`. */
export async function openStore(service: string, config: Pick<WorkerConfig, 'MONGO_URL' | 'DATA_DIR'>): Promise<Store> {
  if (config.MONGO_URL) {
    throw new Error('MONGO_URL is set but this build has no MongoDB store adapter yet');
  }
  return createSqliteStore({ file: path.join(config.DATA_DIR, `${service}.sqlite`) });
}
