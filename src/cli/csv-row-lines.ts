/**
 * The line each data row of a CSV file starts on, in the order parseAccountsCsv returns its rows.
 *
 * Why this exists: AccountImportRow carries no line number, yet a name that clashes with an
 * account already in the database must be reported by line, like every other import error. It
 * follows the parser's reading: a BOM is ignored, CRLF and CR are newlines, a quoted field may
 * span lines, and rows that are blank or only commas are skipped. Meant for files the parser
 * accepted; on malformed CSV the lines are best effort.
 */
export function csvDataRowLines(input: string): number[] {
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const starts: number[] = [];
  let line = 1;
  let recordLine = 1;
  let recordHasContent = false;
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          recordHasContent = true;
          i++;
        } else inQuotes = false;
      } else {
        if (ch === '\n') line++;
        else if (ch.trim() !== '') recordHasContent = true;
      }
      continue;
    }
    if (ch === '"') inQuotes = true;
    else if (ch === '\n') {
      if (recordHasContent) starts.push(recordLine);
      line++;
      recordLine = line;
      recordHasContent = false;
    } else if (ch !== ',' && ch.trim() !== '') recordHasContent = true;
  }
  if (recordHasContent) starts.push(recordLine);
  // The first non-blank record is the header.
  return starts.slice(1);
}
