import { metricsPage } from './metrics-page';

/** An unlabelled-or-labelled gauge's value from a Prometheus text page (prom-client's default metrics), or undefined. */
export function gaugeValue(metricsText: string, name: string): number | undefined {
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})?\\s+([0-9.eE+]+)\\s*$`, 'm').exec(metricsText);
  return match ? Number(match[1]) : undefined;
}

/** process_resident_memory_bytes, or undefined. */
export function residentBytes(metricsText: string): number | undefined {
  return gaugeValue(metricsText, 'process_resident_memory_bytes');
}

export interface AppMemory {
  app: string;
  url: string;
  rssBytes?: number;
  /** V8's heap in use and reserved, and memory outside it held by JS objects (Buffers…), where RSS goes. */
  heapUsedBytes?: number;
  heapTotalBytes?: number;
  externalBytes?: number;
}

/** What one /metrics page says about memory. */
export function memoryOf(metricsText: string): Omit<AppMemory, 'app' | 'url'> {
  return {
    rssBytes: residentBytes(metricsText),
    heapUsedBytes: gaugeValue(metricsText, 'nodejs_heap_size_used_bytes'),
    heapTotalBytes: gaugeValue(metricsText, 'nodejs_heap_size_total_bytes'),
    externalBytes: gaugeValue(metricsText, 'nodejs_external_memory_bytes'),
  };
}

/** Reads each app's /metrics; an app that does not answer is reported without a figure rather than failing the run. */
export async function readMemory(apps: ReadonlyArray<{ app: string; url: string }>): Promise<AppMemory[]> {
  return Promise.all(
    apps.map(async ({ app, url }) => {
      const page = await metricsPage(url);
      return { app, url, ...(page === undefined ? {} : memoryOf(page)) };
    }),
  );
}
