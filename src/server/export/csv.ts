/**
 * CSV cells that spreadsheets cannot turn into formulas. A cell starting with = + - @ (or a tab or
 * carriage return, which some spreadsheets skip before reading one of those) is a formula to
 * Excel, LibreOffice and Google Sheets: log content is hostile (rule 6), so such cells get a
 * leading apostrophe, the convention spreadsheets show as "text". Then RFC 4180 quoting.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function neutralise(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export function csvCell(value: string): string {
  const cell = neutralise(value);
  return NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** One CSV record with its CRLF line end (RFC 4180). */
export function csvRow(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
