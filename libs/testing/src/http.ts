export interface HttpResult {
  status: number;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export async function httpGet(url: string): Promise<HttpResult> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

export interface PollOptions {
  /** Default 15000 ms. */
  timeoutMs?: number;
  /** Default 100 ms. */
  intervalMs?: number;
}

/**
 * GETs `url` until `until` accepts the answer, and resolves with it; rejects after the deadline with the last answer
 * (or connection error) so a failing test says what it saw.
 */
export async function pollHttp(url: string, until: (result: HttpResult) => boolean, options: PollOptions = {}): Promise<HttpResult> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  let last = 'no answer yet';
  for (;;) {
    try {
      const result = await httpGet(url);
      if (until(result)) return result;
      last = `${result.status} ${result.text.slice(0, 500)}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() >= deadline) throw new Error(`GET ${url}: condition not met within ${options.timeoutMs ?? 15_000} ms; last: ${last}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}
