import { runWorker } from '@troupe/worker';
import { notificationServiceWorker } from './worker';

void runWorker(notificationServiceWorker);
