import { runWorker } from '@troupe/worker';
import { inventoryServiceWorker } from './worker';

void runWorker(inventoryServiceWorker);
