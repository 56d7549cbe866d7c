import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { JaegerAnswer } from './jaeger-source';
import type { OrderViewAnswer } from './order-view-source';

/** Recorded answers of order-view and Jaeger for one happy saga and one compensated saga with departures. */
export type FixtureName = 'happy' | 'compensated';

export const fixtureOrderId = '6f1c2a4e-0b7d-4c55-9a3e-2d8f1b0c9e11';

export function orderViewFixture(name: FixtureName): OrderViewAnswer {
  return JSON.parse(readFileSync(path.join(__dirname, 'fixtures', `${name}.order-view.json`), 'utf8'));
}

export function jaegerFixture(name: FixtureName): JaegerAnswer {
  return JSON.parse(readFileSync(path.join(__dirname, 'fixtures', `${name}.jaeger.json`), 'utf8'));
}
