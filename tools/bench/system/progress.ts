/**
 * One status line on stderr (stdout stays clean for --json): rewritten in place on a terminal, printed every
 * few seconds otherwise (CI logs, pipes).
 */
export function startProgress(describe: () => string, stream: NodeJS.WriteStream = process.stderr): { stop(): void } {
  const interactive = stream.isTTY === true;
  const write = () => (interactive ? stream.write(`\r\x1b[2K${describe()}`) : stream.write(`${describe()}\n`));
  const timer = setInterval(write, interactive ? 250 : 5_000);
  write();
  return {
    stop() {
      clearInterval(timer);
      if (interactive) stream.write(`\r\x1b[2K${describe()}\n`);
      else write();
    },
  };
}

/** "saturated  180/300 done  32 in flight  41.3 sagas/s  12 s" */
export function progressLine(label: string, done: number, planned: number, inFlight: number, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? (done / elapsedMs) * 1000 : 0;
  return `[bench] ${label.padEnd(22)} ${String(done).padStart(5)}/${planned} done  ${String(inFlight).padStart(4)} in flight  ${rate.toFixed(1).padStart(7)}/s  ${(elapsedMs / 1000).toFixed(0)} s`;
}
