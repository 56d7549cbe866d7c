import type { ProgressSink } from './progress';

/** Where the command writes: the console in the CLI, buffers in tests. */
export interface DlqIo {
  out(text: string): void;
  err(text: string): void;
  progress: ProgressSink;
}

export const consoleIo: DlqIo = {
  out: (text) => console.log(text),
  err: (text) => console.error(text),
  progress: process.stderr,
};
