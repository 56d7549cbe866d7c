import { runWorker } from '@troupe/worker';
import { sagaBoardWorker } from './worker';

void runWorker(sagaBoardWorker);
