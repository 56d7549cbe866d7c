export type ParseFailureReason = 'oversize' | 'not-json' | 'forbidden-key';

export type ParseResult = { ok: true; value: unknown } | { ok: false; reason: ParseFailureReason; errors: string[] };

/**
 * Keys that, once merged or spread into an object by careless code downstream, rewrite prototypes.
 * JSON.parse itself stores them as plain own properties, so they must be refused by name.
 */
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Decodes an AMQP body into a JSON value, refusing (never throwing) what the validator should not even see:
 * bodies over `maxBytes`, invalid UTF-8, non-JSON, and objects with prototype-polluting keys (reported by path).
 */
export function parseMessage(body: Buffer | Uint8Array, maxBytes: number): ParseResult {
  if (body.byteLength > maxBytes) {
    return { ok: false, reason: 'oversize', errors: [`body is ${body.byteLength} bytes, over the limit of ${maxBytes}`] };
  }
  let text: string;
  let value: unknown;
  try {
    text = strictUtf8.decode(body);
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: 'not-json', errors: [`not JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  if (!mayHoldForbiddenKey(text)) return { ok: true, value };
  const forbidden = findForbiddenKeys(value);
  if (forbidden.length > 0) return { ok: false, reason: 'forbidden-key', errors: forbidden.map((at) => `${at}: forbidden key`) };
  return { ok: true, value };
}

/**
 * The walk below visits every key of every delivery; a body whose text names no forbidden key cannot hold one,
 * unless a key spells one with `\\u` escapes (which JSON.stringify never writes for letters), so those go the long way.
 */
function mayHoldForbiddenKey(text: string): boolean {
  return text.includes('\\u') || text.includes('__proto__') || text.includes('constructor') || text.includes('prototype');
}

/** Where a value sits: its key and its parent's position, so a JSON pointer is only built for what is reported. */
interface Position {
  key: string;
  parent: Position | undefined;
}

function pointer(position: Position | undefined): string {
  const keys: string[] = [];
  for (let at = position; at; at = at.parent) keys.push(at.key.replace(/~/g, '~0').replace(/\//g, '~1'));
  return keys.reverse().map((key) => `/${key}`).join('');
}

/** JSON pointers of every forbidden key, walked iteratively so deeply nested input cannot overflow the stack. */
function findForbiddenKeys(root: unknown): string[] {
  const found: string[] = [];
  const pending: Array<{ value: unknown; at: Position | undefined }> = [{ value: root, at: undefined }];
  while (pending.length > 0) {
    const { value, at } = pending.pop()!;
    if (value === null || typeof value !== 'object') continue;
    for (const key of Object.keys(value)) {
      const child: Position = { key, parent: at };
      if (forbiddenKeys.has(key)) found.push(pointer(child));
      pending.push({ value: (value as Record<string, unknown>)[key], at: child });
    }
  }
  return found.sort();
}
