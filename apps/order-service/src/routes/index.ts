export { registerCancelOrderRoute } from './cancel-order-route';
export { registerGetOrderRoute } from './get-order-route';
export { registerListOrdersRoute } from './list-orders-route';
export { registerPlaceOrderRoute } from './place-order-route';
