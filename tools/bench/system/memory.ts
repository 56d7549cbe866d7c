/** process_resident_memory_bytes from a Prometheus text page (prom-client's default metrics), or undefined. */
export function residentBytes(metricsText: string): number | undefined {
  const match = /^process_resident_memory_bytes(?:\{[^}]*\})?\s+([0-9.eE+]+)\s*$/m.exec(metricsText);
  return match ? Number(match[1]) : undefined;
}

export interface AppMemory {
  app: string;
  url: string;
  rssBytes?: number;
}

/** Reads each app's /metrics; an app that does not answer is reported without a figure rather than failing the run. */
export async function readMemory(apps: ReadonlyArray<{ app: string; url: string }>): Promise<AppMemory[]> {
  return Promise.all(
    apps.map(async ({ app, url }) => {
      try {
        const response = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(10_000) });
        return { app, url, rssBytes: response.ok ? residentBytes(await response.text()) : undefined };
      } catch {
        return { app, url };
      }
    }),
  );
}
