import path from 'node:path';
import { defineCatalogue } from '@troupe/contracts';

/** The order saga's events: every payload carries `orderId`, the saga id (envelope `subject`, default correlation). */
export const orderCatalogue = defineCatalogue({
  name: 'order',
  title: 'Troupe order saga events',
  description: 'Choreographed order saga over RabbitMQ.',
  schemasDirectory: path.join(__dirname, 'schemas'),
  subjectField: 'orderId',
});

export const { createEvent, validateEvent, decodeEvent } = orderCatalogue;
