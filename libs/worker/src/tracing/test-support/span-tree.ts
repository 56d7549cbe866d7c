import type { ReadableSpan } from '@troupe/tracing';

/**
 * The spans of one trace drawn as an indented tree, one `service: span name` per line, children sorted, so a test
 * can compare the whole parentage at once. A span whose parent is not among `spans` is drawn as a root.
 */
export function drawTree(spans: readonly ReadableSpan[]): string[] {
  const ids = new Set(spans.map((span) => span.spanContext().spanId));
  const children = new Map<string | undefined, ReadableSpan[]>();
  for (const span of spans) {
    const parent = span.parentSpanContext?.spanId;
    const key = parent && ids.has(parent) ? parent : undefined;
    children.set(key, [...(children.get(key) ?? []), span]);
  }
  const label = (span: ReadableSpan) => `${String(span.resource.attributes['service.name'])}: ${span.name}`;
  const lines: string[] = [];
  const draw = (parent: string | undefined, depth: number): void => {
    const sorted = [...(children.get(parent) ?? [])].sort((a, b) => label(a).localeCompare(label(b)));
    for (const span of sorted) {
      lines.push(`${'  '.repeat(depth)}${label(span)}`);
      draw(span.spanContext().spanId, depth + 1);
    }
  };
  draw(undefined, 0);
  return lines;
}
