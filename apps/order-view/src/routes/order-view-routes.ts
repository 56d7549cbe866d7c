import type { HttpServer } from '@troupe/worker';
import { registerGetOrder } from './get-order-route';
import { registerListOrders } from './list-orders-route';
import { registerOrderChanges } from './order-changes-route';
import type { OrderViewRoutesOptions } from './order-view-routes-options';
import { registerRepairOrder } from './repair-order-route';

/** The query side's API: one order (optionally read-your-writes), lists, the change feed, and repair. */
export function registerOrderViewRoutes(http: HttpServer, options: OrderViewRoutesOptions): void {
  registerGetOrder(http, options);
  registerListOrders(http, options);
  registerOrderChanges(http, options);
  registerRepairOrder(http, options);
}
