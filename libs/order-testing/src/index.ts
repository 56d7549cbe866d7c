// The order system's test kit: start it whole, read every service's view, check the invariants (docs/product.md#invariants).
export { workerApps, orderSystemApps, type WorkerApp, type OrderApp } from './apps';
export { startOrderSystem, type AppInstance, type OrderSystem, type OrderSystemOptions } from './start-order-system';
export { orderBody, bodyTotalCents, type OrderBody, type OrderBodyOverrides, type OrderItemBody, type ShippingAddressBody } from './order-body';
export { adminAuthorization } from './clients';
export { request, expectStatus, isMissingRoute, MissingRouteError, type ApiResponse, type RequestOptions } from './http-request';
export { collectSnapshot } from './collect-snapshot';
export { assertInvariants, type AssertInvariantsOptions } from './assert-invariants';
export { listAllOrders } from './list-orders';
export { queuesWithPrefix, deleteNamespace, brokerAdmin, type BrokerAdmin, type QueueDepth } from './broker-admin';
export { mapWithConcurrency } from './concurrency';
export { pollUntil, type PollUntilOptions } from './poll';
export { toCents } from './money';
export { formatViolations } from './snapshot-mapping';
export type * from './views';
