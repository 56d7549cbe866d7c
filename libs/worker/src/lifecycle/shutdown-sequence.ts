/**
 * Resources to release in reverse order of acquisition, one named step at a time,
 * so a shutdown that hangs can say which step it is stuck in.
 */
export class ShutdownSequence {
  private readonly steps: Array<{ name: string; run: () => Promise<void> | void }> = [];
  private running: string | undefined;
  private started: Promise<string[]> | undefined;

  /** Steps registered later run earlier (last acquired, first released). */
  add(name: string, run: () => Promise<void> | void): void {
    this.steps.unshift({ name, run });
  }

  /** The step in progress, if any. */
  current(): string | undefined {
    return this.running;
  }

  /** Runs every step even when one fails; resolves with the names of the failed ones. Idempotent. */
  run(onError: (step: string, error: unknown) => void, onStep?: (step: string) => void): Promise<string[]> {
    this.started ??= (async () => {
      const failed: string[] = [];
      for (const step of this.steps) {
        this.running = step.name;
        onStep?.(step.name);
        try {
          await step.run();
        } catch (error) {
          failed.push(step.name);
          onError(step.name, error);
        }
      }
      this.running = undefined;
      return failed;
    })();
    return this.started;
  }
}
