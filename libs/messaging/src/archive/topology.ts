/**
 * The event archive: a RabbitMQ stream bound to the events exchange with `#`, so every event published to
 * `<prefix>troupe.events` is appended to it — an append-only audit trail that can be replayed from any offset
 * (read models rebuild from it). Retention drops whole segments once the stream is over `maxBytes` or a segment
 * is older than `maxAge`, whichever comes first.
 */
export interface ArchiveOptions {
  /** Put in front of every name: a test namespace. Default ''. */
  prefix?: string;
  /** Retention by size (`x-max-length-bytes`). Default 1 GiB. */
  maxBytes?: number;
  /** Retention by age (`x-max-age`), a number and a unit among Y M D h m s, e.g. '7D'. Default '7D'. */
  maxAge?: string;
  /** Size of one segment file (`x-stream-max-segment-size-bytes`); retention removes whole segments. Default 100 MB. */
  segmentBytes?: number;
}

export const defaultArchiveMaxBytes = 1024 ** 3;
export const defaultArchiveMaxAge = '7D';
export const defaultArchiveSegmentBytes = 100_000_000;

export interface ArchiveNames {
  eventsExchange: string;
  archiveStream: string;
}

export function archiveNames(prefix = ''): ArchiveNames {
  return { eventsExchange: `${prefix}troupe.events`, archiveStream: `${prefix}troupe.archive` };
}

/** The stream's declaration arguments. Equal options give equal arguments, so re-declaring is a no-op. */
export function archiveQueueArguments(options: ArchiveOptions = {}): Record<string, string | number> {
  const maxBytes = options.maxBytes ?? defaultArchiveMaxBytes;
  const maxAge = options.maxAge ?? defaultArchiveMaxAge;
  const segmentBytes = options.segmentBytes ?? defaultArchiveSegmentBytes;
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) throw new Error(`invalid archive maxBytes ${maxBytes}`);
  if (!Number.isSafeInteger(segmentBytes) || segmentBytes <= 0) throw new Error(`invalid archive segmentBytes ${segmentBytes}`);
  if (!/^[1-9][0-9]*[YMDhms]$/.test(maxAge)) throw new Error(`invalid archive maxAge '${maxAge}': a number and a unit among Y M D h m s, e.g. '7D'`);
  return {
    'x-queue-type': 'stream',
    'x-max-length-bytes': maxBytes,
    'x-max-age': maxAge,
    'x-stream-max-segment-size-bytes': segmentBytes,
  };
}
