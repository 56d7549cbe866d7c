import type { AppProcess } from '@troupe/testing';

/** The tail of each process's output under a header naming it: what a failing e2e test prints. */
export function formatLogs(instances: ReadonlyArray<{ app: string; index: number; process: AppProcess }>, tailLines: number): string {
  return instances
    .map(({ app, index, process }) => {
      const lines = `${process.stdout()}${process.stderr()}`.split('\n').filter((line) => line.length > 0);
      const shown = lines.slice(-tailLines).join('\n');
      return `--- ${app}#${index} (pid ${process.pid}, ${lines.length} lines, last ${Math.min(tailLines, lines.length)}) ---\n${shown}`;
    })
    .join('\n');
}
