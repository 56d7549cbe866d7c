export interface RebuildFlags {
  /** Rebuild and swap even though order-view answers on its port, or the archive lost its oldest events. */
  force: boolean;
  help: boolean;
}

export const rebuildUsage = `Usage: nx run order-view:rebuild [-- --force]

Rebuilds order-view's read model from scratch by replaying the event archive (<prefix>troupe.archive) from its
first offset, then swaps the result in. Stop order-view first: the rebuild refuses while it answers on PORT.
  --force   rebuild and swap anyway (a running order-view keeps serving the old view until restarted),
            and even when retention already dropped the archive's oldest events
Settings (environment): RABBITMQ_URL, RABBITMQ_PREFIX, DATA_DIR, MONGO_URL, PORT, as for order-view itself.`;

export function parseRebuildFlags(argv: readonly string[]): RebuildFlags {
  const flags: RebuildFlags = { force: false, help: false };
  for (const arg of argv) {
    if (arg === '--force') flags.force = true;
    else if (arg === '--help' || arg === '-h') flags.help = true;
    else throw new Error(`unknown argument '${arg}'`);
  }
  return flags;
}
