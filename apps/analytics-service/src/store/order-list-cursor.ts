/**
 * The reconciler pages through orders by (updatedAt, orderId): `next` names the last order served, so a page
 * boundary inside a run of equal timestamps neither skips nor repeats an order.
 */
export interface OrderListCursor {
  updatedAt: string;
  orderId: string;
}

export function encodeCursor(cursor: OrderListCursor): string {
  return Buffer.from(JSON.stringify([cursor.updatedAt, cursor.orderId])).toString('base64url');
}

/** undefined for anything that is not a cursor this service handed out. */
export function decodeCursor(text: string): OrderListCursor | undefined {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2 && decoded.every((part) => typeof part === 'string')) {
      return { updatedAt: decoded[0], orderId: decoded[1] };
    }
  } catch {
    // not JSON: not ours
  }
  return undefined;
}
