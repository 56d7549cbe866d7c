import { runWorker } from '@troupe/worker';
import { paymentServiceWorker } from './worker';

void runWorker(paymentServiceWorker);
