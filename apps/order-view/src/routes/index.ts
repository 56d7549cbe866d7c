export { registerOrderViewRoutes } from './order-view-routes';
export type { OrderViewRoutesOptions } from './order-view-routes-options';
