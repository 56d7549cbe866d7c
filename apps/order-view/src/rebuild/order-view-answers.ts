/**
 * Whether an order-view answers at `baseUrl`. Any HTTP answer counts (even a 503: it runs and may write its store),
 * and so does a timeout (a busy instance is still an instance). Only a refused connection means nobody is there.
 */
export async function orderViewAnswers(baseUrl: string, timeoutMs = 2000): Promise<boolean> {
  try {
    await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch (error) {
    const code = ((error as Error).cause as { code?: string } | undefined)?.code;
    return code !== 'ECONNREFUSED';
  }
}
