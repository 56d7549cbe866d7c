import {
  dlqServices,
  listDeadLetters,
  purgeDeadLetters,
  replayDeadLetters,
  showDeadLetter,
  type DeadLetterDetail,
  type DeadLetterList,
  type PurgeOutcome,
  type ReplayOutcome,
} from '../tooling/dlq';

/** The DLQ tool's actions for each service, bound to this board's broker and prefix; a fake in the route specs. */
export interface DeadLetterActions {
  services: readonly string[];
  list(service: string): Promise<DeadLetterList>;
  show(service: string, messageId: string): Promise<DeadLetterDetail[]>;
  replay(service: string, messageIds: readonly string[]): Promise<ReplayOutcome>;
  purge(service: string, messageIds: readonly string[]): Promise<PurgeOutcome>;
}

export function dlqToolActions(options: { url: string; prefix: string; ratePerSecond: number }): DeadLetterActions {
  const target = (service: string) => ({ url: options.url, prefix: options.prefix, service });
  // One action per DLQ at a time: two snapshots of one queue would each hold half of it and list the rest as gone.
  const queues = new Map<string, Promise<unknown>>();
  const serial = <T>(service: string, act: () => Promise<T>): Promise<T> => {
    const next = (queues.get(service) ?? Promise.resolve()).catch(() => undefined).then(act);
    queues.set(service, next.catch(() => undefined));
    return next;
  };
  return {
    services: dlqServices(),
    list: (service) => serial(service, () => listDeadLetters(target(service))),
    show: (service, messageId) => serial(service, () => showDeadLetter(target(service), messageId)),
    replay: (service, messageIds) => serial(service, () => replayDeadLetters(target(service), messageIds, options.ratePerSecond)),
    purge: (service, messageIds) => serial(service, () => purgeDeadLetters(target(service), messageIds)),
  };
}
