import { orderCatalogue } from './catalogue';

export const { examplesOf, exampleEvents, sampleEvent } = orderCatalogue;
export { orderCancelled, orderConfirmed, orderRejected } from './terminal-order-events';
