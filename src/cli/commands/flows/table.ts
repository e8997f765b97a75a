// A plain text table: a header row, columns padded to their widest cell, no trailing blanks.

/** Cells longer than this are cut with an ellipsis, so one long name does not push every row. */
const MAX_CELL = 48;

function cell(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > MAX_CELL ? `${flat.slice(0, MAX_CELL - 1)}…` : flat;
}

export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], indent = ''): string {
  const all = [header, ...rows].map((row) => header.map((_, i) => cell(row[i] ?? '')));
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  return all.map((row) => `${indent}${row.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd()).join('\n') + '\n';
}
