import { defineManifest } from '@troupe/contracts';

export const analyticsServiceManifest = defineManifest({
  service: 'analytics-service',
  description: 'Counts orders per outcome and revenue.',
  // A read side: fed from the event archive (no queue per event), its read position kept with its own writes.
  intake: 'archive',
  initiates: [],
  reactions: [
    { on: 'order.created', kind: 'projection', emits: [], why: 'count orders placed' },
    { on: 'order.confirmed', kind: 'projection', emits: [], why: 'count confirmed orders and their revenue' },
    { on: 'order.rejected', kind: 'projection', emits: [], why: 'count rejections' },
    { on: 'order.cancelled', kind: 'projection', emits: [], why: 'count cancellations per reason' },
    { on: 'customer.notified', kind: 'projection', emits: [], why: 'count notifications sent' },
  ],
  terminal: [],
});
