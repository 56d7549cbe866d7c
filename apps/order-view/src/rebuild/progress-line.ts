import type { ReplayProgress } from './replay-archive';

/** One human line: how far, how fast. */
export function formatProgress(progress: ReplayProgress, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? Math.round((progress.read * 1000) / elapsedMs) : 0;
  const n = (value: number) => value.toLocaleString('en-US');
  return `rebuild: ${n(progress.read)} events read, ${n(progress.projected)} projected · ${n(rate)} events/s · offset ${n(progress.offset)}`;
}

/** On a terminal the line rewrites itself in place; piped into a file, each update is its own line. */
export function progressWriter(out: NodeJS.WriteStream, clock: () => number = Date.now): (progress: ReplayProgress) => void {
  const startedAt = clock();
  return (progress) => {
    const line = formatProgress(progress, clock() - startedAt);
    out.write(out.isTTY ? `\r\x1b[2K${line}` : `${line}\n`);
  };
}
