import type { Outcome } from '../events';

/** One message sent to a customer about one order's final outcome. Kept per order: at most one exists. */
export interface Notification {
  notificationId: string;
  orderId: string;
  customerId: string;
  outcome: Outcome;
  reason?: string;
  channel: 'email' | 'store';
  subject: string;
  text: string;
  sentAt: string;
}
