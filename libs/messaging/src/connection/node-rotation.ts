/**
 * The order in which a connection tries the nodes of a cluster. A round tries each node once, one after the
 * other without waiting; only a round in which every node failed is followed by a back-off. A connection lost on a
 * node makes the next round start at the node after it, so a node that went away is tried last, not first.
 *
 * Where the first round starts is the caller's choice; by default a random node (see `connectBroker`).
 */
export class NodeRotation {
  private cursor: number;
  private failedInRound = 0;

  constructor(
    readonly count: number,
    start: number,
  ) {
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`a rotation needs at least one node, got ${count}`);
    this.cursor = ((Math.trunc(start) % count) + count) % count;
  }

  /** Index of the node to try now. */
  current(): number {
    return this.cursor;
  }

  /** The current node could not be reached. True when another node of this round is left to try at once. */
  failed(): boolean {
    this.cursor = (this.cursor + 1) % this.count;
    this.failedInRound += 1;
    if (this.failedInRound < this.count) return true;
    this.failedInRound = 0;
    return false;
  }

  connected(): void {
    this.failedInRound = 0;
  }

  /** The connection on the current node was lost: the next round starts at the node after it. */
  lost(): void {
    this.cursor = (this.cursor + 1) % this.count;
    this.failedInRound = 0;
  }
}

/** A random start, so the instances of one service spread over the nodes instead of all piling onto the first. */
export function randomStart(count: number, random: () => number = Math.random): number {
  return Math.min(count - 1, Math.floor(random() * count));
}
