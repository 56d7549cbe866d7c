/** Where progress goes: stderr, so `list --json` and scripted stdout stay clean. */
export interface ProgressSink {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * Progress for long runs. On a terminal one bar redrawn in place (`\r`); elsewhere (CI logs, pipes) a plain line every
 * `every` items, so logs do not fill with carriage returns. Short runs (below `threshold`) print nothing.
 */
export function createProgress(total: number, label: string, sink: ProgressSink = process.stderr, threshold = 20, every = 100) {
  const enabled = total >= threshold;
  let done = 0;
  return {
    tick(): void {
      done += 1;
      if (!enabled) return;
      if (sink.isTTY) sink.write(`\r${renderBar(done, total, label)}`);
      else if (done % every === 0 || done === total) sink.write(`${renderBar(done, total, label)}\n`);
    },
    finish(): void {
      if (enabled && sink.isTTY) sink.write('\n');
    },
  };
}

export function renderBar(done: number, total: number, label: string, width = 30): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(ratio * width);
  return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${Math.round(ratio * 100)}%`;
}
