import { runWorker } from '@troupe/worker';
import { orderViewWorker } from './worker';

void runWorker(orderViewWorker);
