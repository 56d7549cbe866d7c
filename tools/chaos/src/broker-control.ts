import { execFile } from 'node:child_process';

export interface BrokerControl {
  /** Checks the command works at all (before the run starts, so a missing rabbitmqctl fails fast). */
  check(): Promise<void>;
  stopApp(): Promise<void>;
  startApp(): Promise<void>;
  /** True between a stop_app and the start_app that answered: the run must not end with the broker stopped. */
  readonly stopped: boolean;
}

function run(command: readonly string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command[0]!, command.slice(1), { timeout: timeoutMs }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command.join(' ')}: ${error.message.trim()}${stderr ? `\n${stderr.trim()}` : ''}`));
      else resolve(stdout);
    });
  });
}

/** `rabbitmqctl stop_app` / `start_app` (or whatever command the options name): stops the RabbitMQ application, not the node. */
export function brokerControl(command: readonly string[]): BrokerControl {
  let stopped = false;
  return {
    get stopped() {
      return stopped;
    },
    async check() {
      await run([...command, 'status'], 60_000);
    },
    async stopApp() {
      stopped = true;
      await run([...command, 'stop_app'], 60_000);
    },
    async startApp() {
      // start_app is what gives the shared broker back to everyone else on this machine: insist, within bounds.
      for (let attempt = 1; ; attempt++) {
        try {
          await run([...command, 'start_app'], 120_000);
          stopped = false;
          return;
        } catch (error) {
          if (attempt >= 5) throw error;
          await new Promise((resolve) => setTimeout(resolve, 2_000));
        }
      }
    },
  };
}
