import type { DeadLetter } from '@troupe/messaging';
import type { Selection } from './dlq-args';

/**
 * The letters an action touches. `--id` matches every copy with that message id: at-least-once dead-lettering can
 * leave two, and replaying both is harmless (the consumer's inbox keeps one) while purging one would leave the other.
 */
export function selectLetters(letters: readonly DeadLetter[], selection: Selection): DeadLetter[] {
  return selection.kind === 'all' ? [...letters] : letters.filter((letter) => letter.properties.messageId === selection.messageId);
}
