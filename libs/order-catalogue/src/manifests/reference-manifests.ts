import type { ServiceManifest } from '@troupe/contracts';
import { analyticsServiceManifest } from './analytics-service.manifest';
import { inventoryServiceManifest } from './inventory-service.manifest';
import { notificationServiceManifest } from './notification-service.manifest';
import { orderServiceManifest } from './order-service.manifest';
import { orderViewManifest } from './order-view.manifest';
import { paymentServiceManifest } from './payment-service.manifest';
import { shippingServiceManifest } from './shipping-service.manifest';

export {
  analyticsServiceManifest,
  inventoryServiceManifest,
  notificationServiceManifest,
  orderServiceManifest,
  orderViewManifest,
  paymentServiceManifest,
  shippingServiceManifest,
};

/** The reference order system, in saga order. */
export const referenceManifests: readonly ServiceManifest[] = [
  orderServiceManifest,
  inventoryServiceManifest,
  paymentServiceManifest,
  shippingServiceManifest,
  notificationServiceManifest,
  analyticsServiceManifest,
  orderViewManifest,
];
