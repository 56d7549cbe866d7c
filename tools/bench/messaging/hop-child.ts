import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import type { HopStats } from './hop-names';

/** hop-process.ts running as a child: started, asked for its CPU time, stopped. */
export class HopChild {
  private readonly lines: AsyncIterator<string>;
  private readonly reader: Interface;

  private constructor(private readonly child: ChildProcess) {
    this.reader = createInterface({ input: child.stdout! });
    this.lines = this.reader[Symbol.asyncIterator]();
  }

  static async start(args: string[]): Promise<HopChild> {
    const script = path.join(__dirname, 'hop-process.ts');
    const child = spawn(process.execPath, [...(process.env.HOP_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.HOP_PROFILE] : []), '--import', 'tsx', script, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
    const hop = new HopChild(child);
    const first = await hop.nextLine();
    if (first !== 'ready') throw new Error(`hop process (${args[0]}) did not start: ${first}`);
    return hop;
  }

  /** CPU (user + system) the child has used so far, in µs, and its detour counts. */
  async stats(): Promise<HopStats> {
    this.child.stdin!.write('stats\n');
    return JSON.parse(await this.nextLine()) as HopStats;
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.stdin!.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
    this.reader.close();
  }

  private async nextLine(): Promise<string> {
    const { value, done } = await this.lines.next();
    if (done) throw new Error('hop process exited');
    return value;
  }
}
