import type { Store } from '../store';
import { ConcurrencyError } from '../errors';

/** Opens the store behind storage `key`. Opening the same key again must reach the same data when the adapter is durable. */
export type OpenStore = (key: string) => Promise<Store> | Store;

export interface StoreContractOptions {
  /** True when a store reopened with the same key sees what was committed before close (false for `:memory:`). */
  durable: boolean;
  /** Runs once after the suite: remove temp files, drop databases. */
  cleanup?: () => Promise<void>;
}

export interface Counter {
  _id: string;
  version?: number;
  value: number;
}

/** Gives every test its own storage key and closes whatever the test opened. */
export class ContractContext {
  private sequence = 0;
  private opened: Store[] = [];
  key = '';

  constructor(private readonly openStore: OpenStore) {}

  nextTest(): void {
    this.sequence += 1;
    this.key = `t${process.pid}x${Date.now().toString(36)}x${this.sequence}`;
  }

  async open(): Promise<Store> {
    const store = await this.openStore(this.key);
    this.opened.push(store);
    return store;
  }

  async closeAll(): Promise<void> {
    const stores = this.opened;
    this.opened = [];
    for (const store of stores) await store.close();
  }
}

/** Re-runs `attempt` while it loses optimistic races, as the services do. */
export async function retryOnConflict<R>(attempt: () => Promise<R>, maxAttempts = 1000): Promise<R> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || tries >= maxAttempts) throw error;
    }
  }
}
