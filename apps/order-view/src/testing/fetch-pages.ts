import type { HttpServer } from '@troupe/worker';

/** Follows a list endpoint's `next` cursor to the end (bounded), returning every page's orders. */
export async function fetchAllPages(
  http: HttpServer,
  firstUrl: string,
  nextUrl: (next: unknown) => string,
): Promise<{ orders: Array<{ orderId: string; updatedAt: string; status: string }>; pages: number }> {
  const orders: Array<{ orderId: string; updatedAt: string; status: string }> = [];
  let url: string | undefined = firstUrl;
  let pages = 0;
  while (url !== undefined) {
    if (++pages > 100) throw new Error(`more than 100 pages from ${firstUrl}: the cursor does not advance`);
    const response: { statusCode: number; body: string; json(): { orders: typeof orders; next?: unknown } } = await http.inject({ url });
    if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode} ${response.body}`);
    const body = response.json();
    orders.push(...body.orders);
    url = body.next === undefined ? undefined : nextUrl(body.next);
  }
  return { orders, pages };
}
