/**
 * A plain left-aligned text table. Cells are flattened to one line and cut at `maxWidth` so a long error (they
 * can run to 2000 characters) never wraps the terminal; `show` prints the full text.
 */
export function formatTable(headings: readonly string[], rows: readonly (readonly string[])[], maxWidth = 60): string {
  const cells = [headings, ...rows].map((row) => row.map((cell) => clip(oneLine(cell), maxWidth)));
  const widths = headings.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  return [line(cells[0]!), line(widths.map((width) => '-'.repeat(width))), ...cells.slice(1).map(line)].join('\n');
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function clip(text: string, maxWidth: number): string {
  return text.length <= maxWidth ? text : `${text.slice(0, Math.max(0, maxWidth - 1))}…`;
}
