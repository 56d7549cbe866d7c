import type { AnalyticsClient } from '../sources/analytics-client';
import type { OrderServiceClient } from '../sources/order-service-client';
import type { OrderViewClient } from '../sources/order-view-client';

/** The system of record and the two derived stores it is compared with. */
export interface Sources {
  orders: OrderServiceClient;
  view: OrderViewClient;
  analytics: AnalyticsClient;
}
