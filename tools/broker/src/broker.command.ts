// `troupe broker <provision|check>`: least-privilege broker users, permissions and secrets from the manifests.
import { parseBrokerArgs, help, UsageError, type BrokerTarget } from './broker-args';
import { desiredState } from './desired-state';
import { managementApi } from './management-api';
import { reconcile, type Change } from './reconcile';

export const summary = 'provision and check least-privilege broker users (one per service and tool) derived from the manifests';

export interface BrokerIo {
  out(line: string): void;
  err(line: string): void;
}

const consoleIo: BrokerIo = { out: (line) => console.log(line), err: (line) => console.error(line) };

export function run(argv: string[]): Promise<number> {
  return runBroker(argv, consoleIo);
}

export async function runBroker(argv: readonly string[], io: BrokerIo): Promise<number> {
  let command;
  try {
    command = parseBrokerArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`troupe broker: ${error.message}\n\n${help.broker}`);
    return 2;
  }
  if (command.action === 'help') {
    io.out(help[command.topic]);
    return 0;
  }
  const target: BrokerTarget = command.target;
  const api = managementApi(target.managementUrl);
  const desired = desiredState({ vhost: target.vhost, prefix: target.prefix });
  // Checked before anything is applied: a typo in --rotate must not provision the rest and then complain.
  const unknown = command.action === 'provision' ? command.rotate.filter((who) => !desired.users.some((user) => user.who === who)) : [];
  if (unknown.length > 0) {
    const valid = desired.users.map((user) => user.who).sort();
    io.err(`troupe broker provision: --rotate names no service or tool: ${unknown.join(', ')}; one of ${valid.join(', ')}\n\n${help.provision}`);
    return 2;
  }
  let changes: Change[];
  try {
    changes = await reconcile({
      api,
      desired,
      secretsDir: target.secretsDir,
      amqpBase: target.amqpBase,
      rotate: new Set(command.action === 'provision' ? command.rotate : []),
      apply: command.action === 'provision',
    });
  } catch (error) {
    io.err(`troupe broker ${command.action}: ${(error as Error).message} (management API ${api.describe()})`);
    return 1;
  }
  const drift = changes.filter((change) => change.action !== 'unchanged');
  if (command.action === 'provision') {
    for (const line of formatChanges(command.quiet ? drift : changes)) io.out(line);
    io.out(`broker provision: vhost ${target.vhost}, ${desired.users.length} users, ${drift.length} change(s); secrets in ${target.secretsDir}`);
    return 0;
  }
  if (drift.length === 0) {
    io.out(`broker check: vhost ${target.vhost} matches the manifests (${desired.users.length} users)`);
    return 0;
  }
  for (const line of formatChanges(drift, true)) io.out(line);
  io.out(`broker check: ${drift.length} difference(s) from the manifests on vhost ${target.vhost}; run \`npx troupe broker provision\``);
  return 1;
}

const wouldBe: Record<Change['action'], string> = { created: 'missing', updated: 'differs', removed: 'extra', unchanged: 'ok' };

export function formatChanges(changes: readonly Change[], asDrift = false): string[] {
  return changes.map((change) => {
    const action = asDrift ? wouldBe[change.action] : change.action;
    return `  ${action.padEnd(9)} ${change.object}${change.detail ? `  (${change.detail})` : ''}`;
  });
}
