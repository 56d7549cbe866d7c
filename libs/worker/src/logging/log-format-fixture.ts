// Run by create-logger.spec.ts as its own process: logs through createLogger in the format named by argv and exits
// at once, as a worker does after a fatal line.
import { createLogger } from './create-logger';

const format = process.argv[2] === 'pretty' ? 'pretty' : 'json';
const logger = createLogger('payment-service', 'info', undefined, format);
logger.debug('not at this level');
logger.info({ port: 3003 }, 'payment-service listening');
logger.warn('last line before exit');
process.exit(0);
