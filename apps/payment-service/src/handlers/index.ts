export { paymentHandlers } from './payment-handlers';
