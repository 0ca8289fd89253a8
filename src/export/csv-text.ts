import { stringify } from 'csv-stringify/sync';

/**
 * RFC 4180 text: a header row naming `columns`, then one record per row, every record ended by
 * CRLF (the last one too). A field is quoted only when it holds a comma, a quote or a line break.
 */
export function toCsv<Column extends string>(
  columns: readonly Column[],
  rows: readonly Readonly<Record<Column, string>>[],
): string {
  return stringify([...rows], {
    header: true,
    columns: [...columns],
    record_delimiter: 'windows',
    // Once a record delimiter is given, csv-stringify quotes only fields holding that exact CRLF:
    // a note's bare \n would go out unquoted and end the record early for every reader.
    quote_record_delimiter: true,
    eof: true,
  });
}
