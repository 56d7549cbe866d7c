export { describeContractTests } from './contract-tests';
export type { ContractTestOptions, ConsumerCheck, ProducerSample } from './contract-tests';
export { examplesOf, exampleEvents, sampleEvent } from './examples';
export { edgesOf } from './edges';
export type { ContractEdge } from './edges';
export { orderCancelled, orderConfirmed, orderRejected } from './terminal-order-events';
