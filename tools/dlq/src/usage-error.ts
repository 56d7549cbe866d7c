/** Bad command line: the CLI prints it with the help text and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
