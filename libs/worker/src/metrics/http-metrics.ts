import { Counter, Histogram, type Registry } from 'prom-client';

export interface HttpMetrics {
  /** One answered request: its route pattern (not the URL: ids would make a series per order), method and status. */
  observe(route: string, method: string, statusCode: number, seconds: number): void;
}

export const httpMetricNames = {
  requests: 'troupe_http_requests_total',
  duration: 'troupe_http_request_duration_seconds',
} as const;

/** Requests no route matched (404s for unknown paths): one series for all of them, whatever the path. */
export const unmatchedRoute = '(unmatched)';

const labelNames = ['route', 'method', 'status_class'] as const;

/**
 * The HTTP series on `registry`, registered once per registry: several servers on one registry (tests, a worker
 * restarted in process) share them instead of failing on a duplicate name.
 */
export function httpMetricsOn(registry: Registry): HttpMetrics {
  const requests =
    (registry.getSingleMetric(httpMetricNames.requests) as Counter<(typeof labelNames)[number]> | undefined) ??
    new Counter({ name: httpMetricNames.requests, help: 'HTTP requests answered, by route pattern, method and status class', labelNames, registers: [registry] });
  const duration =
    (registry.getSingleMetric(httpMetricNames.duration) as Histogram<(typeof labelNames)[number]> | undefined) ??
    new Histogram({
      name: httpMetricNames.duration,
      help: 'Seconds from request received to response sent, by route pattern, method and status class',
      labelNames,
      // Up to 10 s: GET /orders/:id?wait=terminal may hold a request that long on purpose.
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  return {
    observe(route, method, statusCode, seconds) {
      const labels = { route, method, status_class: `${Math.floor(statusCode / 100)}xx` };
      requests.inc(labels);
      duration.observe(labels, seconds);
    },
  };
}
