import { isTerminal, type AnalyticsRow, type OrderRecord } from '../sources/rows';
import { sameMoney } from './money';

export type AnalyticsDrift = 'missing' | 'outcome' | 'total';

/**
 * What is wrong with analytics' line for an order; empty when it agrees. Only terminal orders have an outcome to
 * count, so a pending order is never judged here (its line, if any, is analytics' own business until it ends).
 */
export function compareAnalytics(order: OrderRecord, line: AnalyticsRow | undefined): AnalyticsDrift[] {
  if (!isTerminal(order.status)) return [];
  if (!line) return ['missing'];
  const drift: AnalyticsDrift[] = [];
  if (line.outcome !== order.status) drift.push('outcome');
  if (!sameMoney(line.total, order.total)) drift.push('total');
  return drift;
}
