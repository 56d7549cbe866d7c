// `troupe dlq <list|show|replay|purge>`: a service's dead letters. Exit codes in exit-codes.ts and the README.
import { openDlqSession, topologyNames, type DlqSession } from '@troupe/messaging';
import { parseDlqArgs, type DlqCommand, type DlqOverviewTarget, type DlqTarget } from './dlq-args';
import { dlqHelp } from './dlq-help';
import { formatOverview, missingRow, overviewRow, type DlqOverviewRow } from './dlq-overview';
import { consoleIo, type DlqIo } from './dlq-io';
import { exitCodes } from './exit-codes';
import { formatLetter } from './format-letter';
import { formatList } from './format-list';
import { summarise } from './letter-summary';
import { managementCounts } from './management-count';
import { createProgress } from './progress';
import { createPacer } from './rate-pacer';
import { replayLetters } from './replay-letters';
import { selectLetters } from './select-letters';
import { takeSnapshot } from './take-snapshot';
import { UsageError } from './usage-error';

export const summary = "list, show, replay (re-validated, rate-limited) and purge a service's dead letters";

export function run(argv: string[]): Promise<number> {
  return runDlq(argv, consoleIo);
}

export async function runDlq(argv: readonly string[], io: DlqIo): Promise<number> {
  let command: DlqCommand;
  try {
    command = parseDlqArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`troupe dlq: ${error.message}\n\n${dlqHelp}`);
    return exitCodes.usage;
  }
  if (command.action === 'help') {
    io.out(dlqHelp);
    return exitCodes.ok;
  }
  if (command.action === 'overview') return overview(command.target, command.json, io);
  const queue = topologyNames(command.target.prefix, command.target.service).deadLetterQueue;
  let session: DlqSession;
  try {
    session = await openDlqSession(command.target.url, queue);
  } catch (error) {
    const hint = isMissingQueue(error) ? ` (no such queue: has ${command.target.service} run against this broker${command.target.prefix ? ` with prefix '${command.target.prefix}'` : ''}?)` : '';
    io.err(`troupe dlq: cannot open ${queue} at ${redact(command.target.url)}: ${(error as Error).message}${hint}`);
    return exitCodes.broker;
  }
  try {
    return await perform(command, session, io);
  } catch (error) {
    io.err(`troupe dlq: ${(error as Error).message} (letters not yet handled stay in ${queue})`);
    return exitCodes.broker;
  } finally {
    // Returns every letter still held (listed, shown, invalid, not selected) to the DLQ in order.
    await session.close();
  }
}

/**
 * Every service's DLQ, one after the other, each through its own held snapshot (returned before the next is read).
 * A DLQ the broker does not have is a row saying so, not a failure: a service that never ran has none yet.
 */
async function overview(target: DlqOverviewTarget, json: boolean, io: DlqIo): Promise<number> {
  const rows: DlqOverviewRow[] = [];
  for (const service of target.services) {
    const queue = topologyNames(target.prefix, service).deadLetterQueue;
    let session: DlqSession;
    try {
      session = await openDlqSession(target.url, queue);
    } catch (error) {
      if (isMissingQueue(error)) {
        rows.push(missingRow(service, queue));
        continue;
      }
      io.err(`troupe dlq: cannot reach the broker at ${redact(target.url)}: ${(error as Error).message}`);
      return exitCodes.broker;
    }
    try {
      rows.push(overviewRow(service, queue, (await takeSnapshot(session)).map(summarise)));
    } catch (error) {
      io.err(`troupe dlq: ${(error as Error).message} while reading ${queue}`);
      return exitCodes.broker;
    } finally {
      await session.close();
    }
  }
  io.out(json ? JSON.stringify({ services: rows }, null, 2) : formatOverview(rows));
  return exitCodes.ok;
}

function isMissingQueue(error: unknown): boolean {
  return /\b404\b|NOT[-_]FOUND/.test((error as Error)?.message ?? '');
}

async function perform(command: Exclude<DlqCommand, { action: 'help' | 'overview' }>, session: DlqSession, io: DlqIo): Promise<number> {
  const letters = await takeSnapshot(session);
  switch (command.action) {
    case 'list': {
      const summaries = letters.map(summarise);
      io.out(command.json ? JSON.stringify({ queue: session.queue, count: summaries.length, letters: summaries }, null, 2) : formatList(session.queue, summaries));
      if (command.target.managementUrl) await reportHeldElsewhere(command.target, session.queue, summaries.length, io);
      return exitCodes.ok;
    }
    case 'show': {
      const found = selectLetters(letters, { kind: 'id', messageId: command.messageId });
      if (found.length === 0) {
        io.err(`troupe dlq: no dead letter with message id ${command.messageId} in ${session.queue}`);
        return exitCodes.incomplete;
      }
      io.out(found.map(formatLetter).join('\n\n'));
      return exitCodes.ok;
    }
    case 'replay': {
      const selected = selectLetters(letters, command.selection);
      if (command.selection.kind === 'id' && selected.length === 0) return notFound(command.selection.messageId, session.queue, io);
      const progress = createProgress(selected.length, command.dryRun ? 'checking' : 'replaying', io.progress);
      const report = await replayLetters(session, selected, {
        prefix: command.target.prefix,
        service: command.target.service,
        dryRun: command.dryRun,
        pace: createPacer(command.ratePerSecond),
        onLetter: () => progress.tick(),
      });
      progress.finish();
      for (const kept of report.kept) io.out(`kept ${kept.messageId || '(no id)'}: ${kept.reason}`);
      io.out(`${command.dryRun ? 'would replay' : 'replayed'} ${report.replayed.length}, kept ${report.kept.length} in ${session.queue}`);
      return report.kept.length === 0 ? exitCodes.ok : exitCodes.incomplete;
    }
    case 'purge': {
      const selected = selectLetters(letters, command.selection);
      if (command.selection.kind === 'id' && selected.length === 0) return notFound(command.selection.messageId, session.queue, io);
      const progress = createProgress(selected.length, 'purging', io.progress);
      for (const letter of selected) {
        session.remove(letter);
        progress.tick();
      }
      progress.finish();
      io.out(`purged ${selected.length} from ${session.queue}`);
      return exitCodes.ok;
    }
  }
}

function notFound(messageId: string, queue: string, io: DlqIo): number {
  io.err(`troupe dlq: no dead letter with message id ${messageId} in ${queue}`);
  return exitCodes.incomplete;
}

async function reportHeldElsewhere(target: DlqTarget, queue: string, listed: number, io: DlqIo): Promise<void> {
  try {
    // Raw figures, no arithmetic: the management API samples queue stats every few seconds, so they may lag.
    const counts = await managementCounts(target.managementUrl!, target.url, queue);
    io.out(`management API (sampled, may lag): ${counts.messages} in ${queue}, ${counts.unacknowledged} unacked (incl. the ${listed} this run holds)`);
  } catch (error) {
    io.err(`troupe dlq: management API not read: ${(error as Error).message}`);
  }
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
