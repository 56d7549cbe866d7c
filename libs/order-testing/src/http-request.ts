export interface ApiResponse<T = unknown> {
  status: number;
  /** The body parsed as JSON (undefined when it is not JSON). Typed as the success shape; check `status` first. */
  body: T;
  text: string;
  headers: Headers;
}

export interface RequestOptions {
  /** Serialised as JSON with `content-type: application/json`. */
  json?: unknown;
  /** Sent verbatim (malformed JSON, oversized bodies); set `content-type` yourself in `headers`. */
  rawBody?: string;
  headers?: Record<string, string>;
  /** Default 30000 ms: bounds every call, so a hung app fails the test instead of stalling it (generous: shared 2-core machines run at load 15+). */
  timeoutMs?: number;
}

export async function request<T = unknown>(baseUrl: string, method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined = options.rawBody;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] ??= 'application/json';
  }
  const timeoutMs = options.timeoutMs ?? 30_000;
  let response: Response;
  let text: string;
  try {
    response = await fetch(new URL(path, baseUrl), { method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
    text = await response.text();
  } catch (error) {
    // fetch's own errors ("aborted due to timeout", "fetch failed") do not say which call; a failing test must.
    const reason = error instanceof Error ? `${error.name}: ${error.message}${error.cause ? ` (${String(error.cause)})` : ''}` : String(error);
    throw new Error(`${method} ${new URL(path, baseUrl).href} failed after at most ${timeoutMs} ms: ${reason}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed as T, text, headers: response.headers };
}

/** The app has no such route at all (the chassis's 404 for unknown routes): an API not built yet, never "no record". */
export class MissingRouteError extends Error {}

export function isMissingRoute(response: ApiResponse<unknown>): boolean {
  const message = (response.body as { message?: unknown } | undefined)?.message;
  return response.status === 404 && typeof message === 'string' && message.startsWith('no route for');
}

/** Throws, quoting the answer, unless the status is one of `expected`; a missing route is never an expected 404. */
export function expectStatus<T>(response: ApiResponse<T>, expected: number[], what: string): ApiResponse<T> {
  if (isMissingRoute(response)) throw new MissingRouteError(`${what}: the app has no such route (${response.text.slice(0, 200)})`);
  if (!expected.includes(response.status)) {
    throw new Error(`${what}: expected HTTP ${expected.join(' or ')}, got ${response.status} ${response.text.slice(0, 500)}`);
  }
  return response;
}
