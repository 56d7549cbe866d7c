import type { DeadLetter } from '@troupe/messaging';

/** `show` output: every property and header in full, then the body (pretty JSON when it parses, raw text otherwise). */
export function formatLetter(letter: DeadLetter): string {
  const { headers, ...properties } = letter.properties;
  const lines = ['properties:'];
  for (const [name, value] of Object.entries(properties)) if (value !== undefined) lines.push(`  ${name}: ${render(value)}`);
  lines.push('headers:');
  for (const name of Object.keys(headers).sort()) lines.push(`  ${name}: ${render(headers[name])}`);
  lines.push('body:', formatBody(letter.content));
  return lines.join('\n');
}

export function formatBody(content: Buffer): string {
  const text = content.toString('utf8');
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function render(value: unknown): string {
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  // JSON.stringify turns a Buffer into {type, data} before a replacer sees it, so look at the holder's original value.
  if (typeof value === 'object' && value !== null) {
    return JSON.stringify(value, function (this: Record<string, unknown>, key: string, inner: unknown) {
      const original = this[key];
      return Buffer.isBuffer(original) ? original.toString('utf8') : inner;
    });
  }
  return String(value);
}
