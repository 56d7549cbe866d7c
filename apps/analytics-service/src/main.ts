import { runWorker } from '@troupe/worker';
import { analyticsServiceWorker } from './worker';

void runWorker(analyticsServiceWorker);
