// Q3: spreadsheet formula neutralisation for CSV cells.
//
// Rule (chosen and documented here, tested in neutralise.test.ts / rows.test.ts):
//  - A TEXT cell whose first character is = + - @ tab or CR gets a leading apostrophe ('), which
//    spreadsheets treat as "this is text": "=SUM(A1)" -> "'=SUM(A1)". This includes values that
//    only look numeric or are harmless when they are text: a phone "+14155550132" is exported as
//    "'+14155550132" (still readable, and never turned into the number 14155550132 or a formula),
//    a text field holding "-5" becomes "'-5".
//  - A NUMBER cell (a value of a number-type field, stored as a JS number) is written as a plain
//    number and never prefixed: -5 stays -5, so sums keep working. A bare number cannot run code.
//  - Headers (field labels) are text cells and follow the text rule.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A cell as it goes into the file: text (neutralised) or a finite number (never prefixed). */
export type CsvCell = string | number;

export function neutraliseCell(cell: CsvCell): CsvCell {
  return typeof cell === 'number' ? cell : neutraliseText(cell);
}
