/**
 * How a reader knows where "the end" is. A stream has no end: it keeps growing while we read, and neither
 * queue.declare-ok (message count 0 for streams) nor the management API (no count or committed offset on 3.10)
 * tells its tail. So, before consuming, the reader appends a tiny end marker straight to the stream (default
 * exchange, not the events exchange, so no service sees it) and waits for its confirm: every event confirmed
 * before lies at a lower offset. Reading stops when the reader meets its own marker — exact, and with no idle
 * timeout that a loaded machine could trip. Markers are not events: readers skip everyone's markers.
 */
export const archiveMarkerHeader = 'troupe-archive-end-marker';

export function isArchiveMarker(headers: Record<string, unknown> | undefined): boolean {
  return headers?.[archiveMarkerHeader] !== undefined;
}

export function isOwnMarker(headers: Record<string, unknown> | undefined, markerId: string): boolean {
  return headers?.[archiveMarkerHeader] === markerId;
}
