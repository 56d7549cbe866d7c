/** The three sides the reconciler reads, in the shapes of their HTTP contracts (money in decimal units). */

export const terminalStatuses = ['CONFIRMED', 'REJECTED', 'CANCELLED'] as const;
export type TerminalStatus = (typeof terminalStatuses)[number];

export interface OrderItem {
  sku: string;
  quantity: number;
  unitPrice: number;
}

/** order-service, the system of record. */
export interface OrderRecord {
  orderId: string;
  status: string;
  reason?: string;
  customerId: string;
  items: OrderItem[];
  total: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  deadline: string;
}

export interface TimelineEntry {
  service: string;
  event: string;
  at: string;
}

/** order-view, the read model fed by events: order-service's fields but the creation time and deadline, plus a timeline. */
export interface OrderViewRow extends Omit<OrderRecord, 'createdAt' | 'deadline'> {
  timeline: TimelineEntry[];
}

/** analytics-service's per-order line, which its summary is built from. */
export interface AnalyticsRow {
  orderId: string;
  outcome?: string;
  total: number;
}

export function isTerminal(status: string): status is TerminalStatus {
  return (terminalStatuses as readonly string[]).includes(status);
}
