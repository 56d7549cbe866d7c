/** Where a read starts: the oldest record still retained, or a known offset (e.g. one past a checkpoint). */
export type ArchiveStart = 'first' | number;

/** The `x-stream-offset` consumer argument for a start. */
export function streamOffsetArgument(from: ArchiveStart): string | number {
  if (from === 'first') return 'first';
  if (!Number.isSafeInteger(from) || from < 0) throw new Error(`invalid archive offset ${from}: 'first' or an integer ≥ 0`);
  return from;
}

/** The offset the broker stamps on every stream delivery (`x-stream-offset` header). */
export function deliveredOffset(headers: Record<string, unknown> | undefined): number {
  const offset = headers?.['x-stream-offset'];
  const value = typeof offset === 'bigint' ? Number(offset) : offset;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new Error(`stream delivery without a valid x-stream-offset header (${String(offset)})`);
  return value;
}
