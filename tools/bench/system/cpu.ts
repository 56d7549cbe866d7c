import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A process whose CPU time the bench reads: a worker, a raw replay process, the broker, the bench itself. */
export interface WatchedProcess {
  name: string;
  pid: number;
}

/** utime + stime of one process, in clock ticks, at one moment; undefined when /proc had no such process. */
export interface CpuSample extends WatchedProcess {
  ticks?: number;
}

export interface ProcessCpu extends WatchedProcess {
  /** CPU time (user + system) spent between the phase's start and end; null when a sample is missing. */
  cpuMs: number | null;
  msPerSaga: number | null;
}

export interface CpuFigures {
  phase: string;
  sagas: number;
  /** Wall time between the two samples. */
  seconds: number;
  clockTicksPerSecond: number;
  processes: ProcessCpu[];
  totalMs: number;
  totalMsPerSaga: number;
  /** totalMs over the wall time: how many cores the measured processes kept busy. */
  busyCores: number;
}

/** utime + stime (fields 14 and 15 of /proc/<pid>/stat) in clock ticks. The command name (field 2) may hold spaces. */
export function parseProcStat(text: string): number {
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so field n is fields[n - 3].
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`unreadable /proc stat line: ${text.slice(0, 120)}`);
  return utime + stime;
}

export function clockTicksPerSecond(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
}

/**
 * The broker's Erlang VM(s) on this machine (`pgrep -f beam.smp`), without the short-lived VMs of the CLI tools
 * (rabbitmqctl, rabbitmq-diagnostics run on beam.smp too): a server's command line boots `rabbit`. None when the
 * broker runs elsewhere.
 */
export function brokerProcesses(): WatchedProcess[] {
  let pids: number[];
  try {
    pids = execFileSync('pgrep', ['-f', 'beam.smp'], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
  const servers = pids.filter((pid) => {
    try {
      return isBrokerCommandLine(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'));
    } catch {
      return false;
    }
  });
  return servers.map((pid) => ({ name: servers.length === 1 ? 'rabbitmq (beam.smp)' : `rabbitmq (beam.smp ${pid})`, pid }));
}

/** A RabbitMQ server VM (`… -s rabbit boot …`), not a CLI tool's (`-boot start_clean -hidden …`). */
export function isBrokerCommandLine(args: readonly string[]): boolean {
  return args.some((arg, index) => arg === '-s' && args[index + 1] === 'rabbit');
}

export function sampleCpu(processes: readonly WatchedProcess[]): CpuSample[] {
  return processes.map((process) => {
    try {
      return { ...process, ticks: parseProcStat(readFileSync(`/proc/${process.pid}/stat`, 'utf8')) };
    } catch {
      return { ...process };
    }
  });
}

/** CPU spent by each process between two samples of the same list, per completed saga and in total. */
export function cpuFigures(phase: string, start: readonly CpuSample[], end: readonly CpuSample[], sagas: number, seconds: number, ticksPerSecond: number): CpuFigures {
  const processes = start.map((first): ProcessCpu => {
    const last = end.find((candidate) => candidate.pid === first.pid);
    const cpuMs = first.ticks === undefined || last?.ticks === undefined ? null : ((last.ticks - first.ticks) * 1000) / ticksPerSecond;
    return { name: first.name, pid: first.pid, cpuMs, msPerSaga: cpuMs === null || sagas === 0 ? null : cpuMs / sagas };
  });
  const totalMs = processes.reduce((sum, entry) => sum + (entry.cpuMs ?? 0), 0);
  return {
    phase,
    sagas,
    seconds,
    clockTicksPerSecond: ticksPerSecond,
    processes,
    totalMs,
    totalMsPerSaga: sagas === 0 ? 0 : totalMs / sagas,
    busyCores: seconds > 0 ? totalMs / (seconds * 1000) : 0,
  };
}
