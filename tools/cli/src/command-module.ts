/**
 * What a subcommand file `tools/<name>/src/<name>.command.ts` exports. Commands are found by that convention rather
 * than imported, because tools may not import one another (eslint depConstraints): each tool owns its command.
 */
export interface CommandModule {
  /** One line for `troupe --help`. */
  summary: string;
  /** Runs with the arguments after the command name; resolves with the process exit code. */
  run(argv: string[]): Promise<number>;
}

export function isCommandModule(value: unknown): value is CommandModule {
  const candidate = value as Partial<CommandModule> | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.summary === 'string' && typeof candidate.run === 'function';
}
