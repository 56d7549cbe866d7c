// How `npm start` ends after Ctrl-C: one line per worker process saying how it stopped, and an exit status that is 0
// only when every one stopped gracefully. Each worker writes its own exit record (tools/infra/worker.mjs), because
// under `nx run-many` the exit statuses of the workers never reach `npm start`; Nx's own lines about the tasks it saw
// end ("did not complete", "Tasks stopped before they finished") are dropped once the stop was asked for.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The variable naming the directory a worker writes `<app>-<pid>.json` into when it exits. */
export const exitRecordVariable = 'TROUPE_EXIT_RECORD_DIR';

/** An empty directory for this start's exit records (a previous start's records would report old exits). */
export function freshExitRecordDir(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Called by a worker process when it starts (`running`) and on 'exit' (`exit`, synchronous, as nothing asynchronous
 * runs any more). The running record lets `npm start` signal the workers themselves rather than Nx: Nx stops
 * forwarding their output the moment it is signalled, and their shutdown lines would be lost.
 */
export function writeWorkerRecord(dir, kind, record) {
  try {
    writeFileSync(path.join(dir, `${record.app}-${record.pid}.${kind}.json`), JSON.stringify(record));
  } catch {
    // A missing record reads as "no exit recorded": never turn a clean exit into a crash over it.
  }
}

function readRecords(dir, kind) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith(`.${kind}.json`))
    .flatMap((file) => {
      try {
        return [JSON.parse(readFileSync(path.join(dir, file), 'utf8'))];
      } catch {
        return [];
      }
    });
}

export const readExitRecords = (dir) => readRecords(dir, 'exit');

/** Pids of workers that said they started and have not said they exited. */
export function runningWorkerPids(dir) {
  const exited = new Set(readExitRecords(dir).map((record) => record.pid));
  return readRecords(dir, 'running')
    .map((record) => record.pid)
    .filter((pid) => !exited.has(pid));
}

/**
 * One verdict per planned process (`{ label, app, port }`), matched to its record by app and port. Last record wins
 * for a process restarted on the same port.
 */
export function stopVerdicts(plan, records) {
  return plan.map((row) => {
    const record = records.filter((candidate) => candidate.app === row.app && candidate.port === row.port).at(-1);
    if (!record) return { label: row.label, recorded: false, graceful: false, text: 'no exit recorded: killed, or it never started' };
    if (record.code === 0) return { label: row.label, recorded: true, graceful: true, text: 'stopped gracefully' };
    return { label: row.label, recorded: true, graceful: false, text: `exit code ${record.code} (its last log lines above say why)` };
  });
}

/** The summary lines and the exit status `npm start` ends with. */
export function stopSummary(plan, records) {
  const verdicts = stopVerdicts(plan, records);
  const clean = verdicts.filter((verdict) => verdict.graceful).length;
  const width = Math.max(...verdicts.map((verdict) => verdict.label.length), 0) + 2;
  const lines = [
    `[start] stopped: ${clean} of ${verdicts.length} worker${verdicts.length === 1 ? '' : 's'} gracefully`,
    ...verdicts.map((verdict) => `  ${verdict.label.padEnd(width)}${verdict.text}`),
  ];
  return { lines, exitCode: clean === verdicts.length ? 0 : 1 };
}

/** Resolves once every planned process has a record, or at `timeoutMs`: workers go on stopping after Nx has exited. */
export async function awaitExitRecords(dir, plan, timeoutMs, pollMs = 100) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const records = readExitRecords(dir);
    if (stopVerdicts(plan, records).every((verdict) => verdict.recorded) || Date.now() >= deadline) return records;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/**
 * A line filter for Nx's streamed output: before the stop every line passes; after it only the workers' own lines
 * (Nx prefixes them `<project>: `) do, so their shutdown logs stay and Nx's alarm about tasks that "did not complete"
 * (it reads a stopped long-running target as unfinished) does not.
 */
export function nxOutputFilter(projects, isStopping) {
  const prefixes = projects.map((project) => `${project}: `);
  // Nx colours the prefix when FORCE_COLOR is set (a terminal): judge the text without the colour codes.
  const plain = (line) => line.replace(/\u001b\[[0-9;]*m/g, '');
  return (line) => !isStopping() || prefixes.some((prefix) => plain(line).startsWith(prefix));
}

/** Pipes `stream` to `target` line by line through `keep`. */
export function forwardLines(stream, target, keep) {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop();
    for (const line of lines) if (keep(line)) target.write(`${line}\n`);
  });
  stream.on('end', () => {
    if (rest && keep(rest)) target.write(`${rest}\n`);
  });
}
