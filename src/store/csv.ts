// RFC 4180 CSV with spreadsheet formula-injection protection.
//
// A cell whose text starts with `=`, `+`, `-` or `@` (or a tab or carriage return, which some
// spreadsheets skip before reading a formula) is prefixed with a single quote `'`, so Excel,
// LibreOffice and Google Sheets show it as text instead of evaluating it: a user typing
// `=HYPERLINK(...)` into a flow's text field must not run in the reader's spreadsheet. The cost
// is that such values (including negative numbers like `-5`) appear with a leading `'`.
// Then, per RFC 4180, a field containing `"`, `,`, CR or LF is wrapped in double quotes with
// inner quotes doubled, and records end with CRLF.

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvRow(values: readonly string[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
