/** First-come-first-served lock for async work: each `run` starts only after the previous one settled. */
export class AsyncMutex {
  private tail: Promise<void> = Promise.resolve();

  async run<R>(work: () => R | Promise<R>): Promise<R> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    try {
      return await work();
    } finally {
      release();
    }
  }
}
