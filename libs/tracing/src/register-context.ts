import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';

let registered = false;

/**
 * The active context follows async work (an HTTP request into `messaging.transaction`) through
 * AsyncLocalStorage. Registered once per process, whether spans are recorded or not, so an incoming
 * traceparent passes through a service that records nothing. Returns false if another manager was already there.
 */
export function registerContextManager(): boolean {
  if (registered) return true;
  const manager = new AsyncLocalStorageContextManager().enable();
  registered = context.setGlobalContextManager(manager);
  if (!registered) manager.disable();
  return registered;
}
