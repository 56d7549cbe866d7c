import { execFile } from 'node:child_process';
import path from 'node:path';
import { workspaceRoot } from '@troupe/testing';

/** What tools/infra/cluster.mjs's ensureCluster resolves with (the fields the chaos run uses). */
export interface LocalCluster {
  /** One AMQP URL per node, troupe-1 first. */
  urls: string[];
  /** The same, comma-separated: what the workers get as RABBITMQ_URL. */
  rabbitmqUrl: string;
  managementUrls: string[];
  nodes: Array<{ name: string; amqpPort: number }>;
}

const clusterModule = () => path.join(workspaceRoot(), 'tools', 'infra', 'cluster.mjs');

/**
 * Runs `call` (an expression over the module `cluster`) in a child node: cluster.mjs is an ES module and the suite
 * runs as CommonJS under tsx. The child's console.log (the module's progress) goes to stderr; stdout is the JSON answer.
 */
function callCluster<T>(call: string, timeoutMs: number, log: (line: string) => void): Promise<T> {
  const script = `console.log = console.error;
    const cluster = await import(${JSON.stringify(clusterModule())});
    const result = await (${call});
    process.stdout.write(JSON.stringify(result ?? null));`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--input-type=module', '-e', script], { cwd: workspaceRoot(), timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      for (const line of stderr.split('\n').filter(Boolean)) log(line.replace(/^\[infra\] /, ''));
      if (error) reject(new Error(`${call}: ${stderr.trim().split('\n').at(-1) ?? error.message}`));
      else resolve(JSON.parse(stdout) as T);
    });
  });
}

/** Starts the local cluster of `size` nodes if it does not run (reuses it if it does): never the single broker on 5672. */
export function ensureLocalCluster(size: number, log: (line: string) => void): Promise<LocalCluster> {
  return callCluster<LocalCluster>(`cluster.ensureCluster(${size})`, 300_000, log);
}

export interface NodeControl {
  readonly node: string;
  stopApp(): Promise<void>;
  startApp(): Promise<void>;
  /** True between a stop_app and the start_app that answered: the run must not end with the node stopped. */
  readonly stopped: boolean;
}

/** `rabbitmqctl -n troupe-<index>@<host> stop_app` / `start_app`, through cluster.mjs (which knows how to reach its nodes). */
export function nodeControl(cluster: LocalCluster, index: number, log: (line: string) => void): NodeControl {
  const node = cluster.nodes[index - 1];
  if (!node) throw new Error(`the cluster has no node ${index} (nodes: ${cluster.nodes.map((candidate) => candidate.name).join(', ')})`);
  let stopped = false;
  return {
    node: node.name,
    get stopped() {
      return stopped;
    },
    async stopApp() {
      stopped = true;
      await callCluster(`cluster.setNodeApp(${JSON.stringify(node.name)}, false)`, 120_000, log);
    },
    async startApp() {
      // The node must come back whatever happened meanwhile: the next run (or test) reuses this cluster.
      for (let attempt = 1; ; attempt++) {
        try {
          await callCluster(`cluster.setNodeApp(${JSON.stringify(node.name)}, true)`, 120_000, log);
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

/** True when troupe-1…troupe-`size` all run as members of one cluster (then a test leaves the cluster as it found it). */
export async function clusterRunning(size: number, log: (line: string) => void): Promise<boolean> {
  const status = await callCluster<{ nodes: Array<{ name: string; amqp: boolean }>; members: string[] }>('cluster.clusterStatus()', 60_000, log);
  const wanted = Array.from({ length: size }, (_, index) => `troupe-${index + 1}@`);
  return wanted.every((prefix) => status.members.some((member) => member.startsWith(prefix)) && status.nodes.some((node) => node.name.startsWith(prefix) && node.amqp));
}

/** Stops every node of the local cluster (its data kept, so the next start is a restart, not a new cluster). */
export async function stopLocalCluster(log: (line: string) => void): Promise<void> {
  await callCluster('cluster.stopCluster()', 180_000, log);
}
