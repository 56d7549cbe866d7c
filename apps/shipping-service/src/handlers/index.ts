export { shippingHandlers } from './shipping-handlers';
