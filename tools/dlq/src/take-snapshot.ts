import type { DeadLetter, DlqSession } from '@troupe/messaging';

/**
 * Takes (holds) the dead letters ready when the run starts, in queue order. Bounded by the starting count, so a
 * DLQ that keeps filling cannot keep a run going: later arrivals wait for the next run. Everything held goes back
 * when the session closes, unless removed.
 */
export async function takeSnapshot(session: DlqSession): Promise<DeadLetter[]> {
  const ready = await session.readyCount();
  const letters: DeadLetter[] = [];
  while (letters.length < ready) {
    const letter = await session.take();
    if (!letter) break;
    letters.push(letter);
  }
  return letters;
}
