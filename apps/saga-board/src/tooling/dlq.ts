// Dead letters are read, replayed and purged through the DLQ tool's own actions (re-validated, rate-limited,
// confirmed before the ack, inbox-protected), never a second implementation. The one place this app reaches into
// tools/dlq (an eslint exception names this file).
export {
  listDeadLetters,
  showDeadLetter,
  replayDeadLetters,
  purgeDeadLetters,
  type DeadLetterTarget,
  type DeadLetterList,
  type DeadLetterDetail,
  type ReplayOutcome,
  type PurgeOutcome,
} from '../../../../tools/dlq/src/dead-letter-actions';
export { dlqServices } from '../../../../tools/dlq/src/known-services';
export type { LetterSummary } from '../../../../tools/dlq/src/letter-summary';
