/** Every app of the order system, in the order they are started (consumers before producers does not matter: queues are durable). */
export const orderApps = [
  'order-service',
  'inventory-service',
  'payment-service',
  'shipping-service',
  'notification-service',
  'analytics-service',
  'order-view',
] as const;

export type OrderApp = (typeof orderApps)[number];

export function appEntry(app: OrderApp): string {
  return `apps/${app}/src/main.ts`;
}
