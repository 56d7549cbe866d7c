/** A named readiness probe: true while the dependency it watches can serve. */
export type HealthCheck = () => boolean | Promise<boolean>;
export type HealthChecks = Record<string, HealthCheck>;

export interface HealthReport {
  status: 'ok' | 'unavailable';
  checks: Record<string, boolean>;
}

/** A probe that hangs counts as down: /health must answer even when the store does not. */
export async function evaluateHealth(checks: HealthChecks, timeoutMs: number): Promise<HealthReport> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => [name, await probe(check, timeoutMs)] as const),
  );
  const results = Object.fromEntries(entries);
  return { status: entries.every(([, up]) => up) ? 'ok' : 'unavailable', checks: results };
}

async function probe(check: HealthCheck, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return (await Promise.race([Promise.resolve().then(check), timedOut])) === true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
