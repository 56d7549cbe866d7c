import { readdirSync, readFileSync } from 'node:fs';

/** Every live descendant of `pid` (Linux /proc; elsewhere none, and only `pid` itself is signalled). */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return [];
  }
  for (const entry of entries) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/**
 * A kill that reaches the worker whatever wraps it: `tools/infra/worker.mjs` runs the worker in a process group of its
 * own and forwards only catchable signals, so a SIGKILL must go to every descendant, deepest first, then to `pid`.
 */
export function killTree(pid: number, signal: NodeJS.Signals): void {
  for (const target of [...descendants(pid).reverse(), pid]) {
    try {
      process.kill(target, signal);
    } catch {
      // Already gone.
    }
  }
}
