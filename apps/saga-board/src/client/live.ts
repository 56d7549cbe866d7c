import type { SagaSummary } from '../sagas/saga-types';

type Listener = { saga?(saga: SagaSummary): void; resync?(): void };

const listeners = new Set<Listener>();

/** One EventSource for the page; views subscribe while they are shown. */
export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function connectLive(indicator: HTMLElement): void {
  const source = new EventSource('/api/live');
  const show = (state: 'live' | 'down', text: string) => {
    indicator.className = `live live-${state}`;
    indicator.textContent = text;
  };
  let wasDown = false;
  source.addEventListener('hello', (event) => {
    const { following } = JSON.parse((event as MessageEvent<string>).data) as { following: boolean };
    if (following) show('live', 'live');
    else show('down', 'not following the archive yet: updates may be late');
    // Changes made while the stream was down were not pushed: reload what is on screen.
    if (wasDown) for (const listener of listeners) listener.resync?.();
    wasDown = false;
  });
  source.addEventListener('saga', (event) => {
    const saga = JSON.parse((event as MessageEvent<string>).data) as SagaSummary;
    for (const listener of listeners) listener.saga?.(saga);
  });
  source.addEventListener('resync', () => {
    show('live', 'live');
    for (const listener of listeners) listener.resync?.();
  });
  source.onerror = () => {
    wasDown = true;
    show('down', 'reconnecting…');
  };
}
