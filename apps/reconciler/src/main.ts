import { runWorker } from '@troupe/worker';
import { reconcilerWorker } from './worker';

void runWorker(reconcilerWorker);
