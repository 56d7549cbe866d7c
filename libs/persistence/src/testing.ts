export { describeStoreContract } from './contract/store-contract';
export { retryOnConflict, type Counter, type OpenStore, type StoreContractOptions } from './contract/contract-context';
