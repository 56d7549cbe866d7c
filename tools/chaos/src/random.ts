import { seededRandom } from '@troupe/testing';

export { seededRandom };

/**
 * A draw in [0, 1) fixed by the seed and a key (FNV-1a of the key, mixed with the seed). Decisions taken while events
 * stream in (which event to duplicate) use it, so they depend on what the event is, not on the order it arrived in.
 */
export function keyedRandom(seed: number, key: string): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let index = 0; index < key.length; index++) hash = Math.imul(hash ^ key.charCodeAt(index), 0x01000193);
  return seededRandom(hash >>> 0)();
}

/** Fisher–Yates with the given draws: a new array, the input untouched. */
export function shuffled<T>(values: readonly T[], random: () => number): T[] {
  const copy = [...values];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}
