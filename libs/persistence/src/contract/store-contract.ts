import { concurrencyContract } from './concurrency-contract';
import { ContractContext, type OpenStore, type StoreContractOptions } from './contract-context';
import { crudContract } from './crud-contract';
import { lifecycleContract } from './lifecycle-contract';
import { namesContract } from './names-contract';
import { queryContract } from './query-contract';
import { transactionContract } from './transaction-contract';

/**
 * Registers the store contract (mocha `describe`/`it`) for one adapter. Every adapter must pass it
 * unchanged: it is the definition of what services may rely on.
 * `open(key)` must return a store on empty storage for a new key, and (when `options.durable`)
 * the same data again for a key opened before.
 */
export function describeStoreContract(name: string, open: OpenStore, options: StoreContractOptions): void {
  describe(`store contract: ${name}`, () => {
    const context = new ContractContext(open);
    beforeEach(() => context.nextTest());
    afterEach(() => context.closeAll());
    if (options.cleanup !== undefined) after(options.cleanup);

    describe('documents', () => crudContract(context));
    describe('queries', () => queryContract(context));
    describe('transactions', () => transactionContract(context));
    describe('concurrency', () => concurrencyContract(context));
    describe('names', () => namesContract(context));
    describe('lifecycle', () => lifecycleContract(context, options));
  });
}
