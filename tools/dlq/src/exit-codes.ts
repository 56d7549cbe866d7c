/** `troupe dlq` exit codes (also in the help text and README), so scripts can tell "done" from "look at it". */
export const exitCodes = {
  /** Done: listed, shown, every selected letter replayed or purged (a dry run that found everything replayable). */
  ok: 0,
  /** Done, but something was left: invalid letters stayed in the DLQ, or the message id was not found. */
  incomplete: 1,
  /** Usage error: unknown action or option, missing `--service`, `purge` without `--yes`. */
  usage: 2,
  /** The broker could not be reached, the DLQ does not exist, or a publish was not confirmed. */
  broker: 3,
} as const;
