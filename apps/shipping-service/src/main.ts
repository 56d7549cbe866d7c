import { runWorker } from '@troupe/worker';
import { shippingServiceWorker } from './worker';

void runWorker(shippingServiceWorker);
