/**
 * A small RFC 4180 CSV reader: comma-separated fields, CRLF or LF line ends, double-quoted fields
 * that may hold commas, quotes (doubled: `""`) and line breaks. A leading UTF-8 BOM and blank
 * lines are ignored. Malformed quoting is reported with the line it starts on, never guessed at.
 */

/** One CSV record with the (1-based) file line it starts on. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/** Records read, and syntax problems as `line N: ...` messages (empty when the text is well formed). */
export interface CsvParseResult {
  records: CsvRecord[];
  errors: string[];
}

/** Parses CSV text into records of string fields (no type conversion, no trimming). */
export function parseCsv(text: string): CsvParseResult {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  const errors: string[] = [];
  let line = 1;
  let i = 0;

  while (i < input.length) {
    const recordLine = line;
    const fields: string[] = [];
    let quotedAny = false;
    let ended = false;
    while (!ended) {
      let field = '';
      if (input[i] === '"') {
        quotedAny = true;
        const openedOn = line;
        i++;
        let closed = false;
        while (i < input.length) {
          const ch = input[i]!;
          if (ch === '"') {
            if (input[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (ch === '\n') line++;
          field += ch;
          i++;
        }
        if (!closed) {
          errors.push(`line ${openedOn}: quoted field is never closed`);
          return { records, errors };
        }
        const next = input[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          errors.push(`line ${line}: unexpected text after a closing quote`);
          while (i < input.length && input[i] !== ',' && input[i] !== '\n') i++;
        }
      } else {
        while (i < input.length && input[i] !== ',' && input[i] !== '\n' && input[i] !== '\r') {
          if (input[i] === '"')
            errors.push(`line ${line}: quote inside an unquoted field (quote the whole field)`);
          field += input[i];
          i++;
        }
      }
      fields.push(field);
      if (input[i] === ',') {
        i++;
        continue;
      }
      if (input[i] === '\r') i++;
      if (input[i] === '\n') {
        i++;
        line++;
      }
      ended = true;
    }
    const blank = fields.length === 1 && fields[0] === '' && !quotedAny;
    if (!blank) records.push({ fields, line: recordLine });
  }
  return { records, errors };
}
