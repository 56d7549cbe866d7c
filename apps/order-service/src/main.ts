import { runWorker } from '@troupe/worker';
import { orderServiceWorker } from './worker';

void runWorker(orderServiceWorker);
