import type { Store } from '@troupe/persistence';
import { shipmentView } from '@troupe/saga';
import type { HttpServer } from '@troupe/worker';
import { loadShipment } from '../shipments/shipments';

export function shippingRoutes(http: HttpServer, store: Store): void {
  http.get<{ Params: { orderId: string } }>('/shipments/:orderId', async (request, reply) => {
    const shipment = await loadShipment(store, request.params.orderId);
    if (!shipment) return reply.status(404).send({ error: 'Not Found', message: `no shipment for order ${request.params.orderId}` });
    return shipmentView(shipment);
  });
}
