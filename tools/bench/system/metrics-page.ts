/** An app's `/metrics` page, or undefined when it does not answer (in time, or with 200): a figure left out, not a failed run. */
export async function metricsPage(url: string): Promise<string | undefined> {
  try {
    const response = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(10_000) });
    return response.ok ? await response.text() : undefined;
  } catch {
    return undefined;
  }
}
