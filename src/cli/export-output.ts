import { writeFile } from 'node:fs/promises';
import type { CommandContext } from './command';

/** The `--out <file>` option every export takes. */
export const OUT_OPTION = { out: { type: 'string' } } as const;

/** A usage mistake in `--out`, or null; `--out=` would otherwise write to a file named "". */
export function outMistake(out: string | undefined): string | null {
  return out === '' ? '--out needs a file name' : null;
}

/**
 * Writes an export to `out`, or to stdout when there is none (for `> file.csv` and pipes). With a
 * file, stdout gets a one-line receipt instead: the file is the output.
 */
export async function deliverExport(
  context: Pick<CommandContext, 'stdout' | 'stderr'>,
  csv: string,
  out: string | undefined,
  receipt: string,
): Promise<number> {
  if (out === undefined) {
    // stdout ends what it is given with "\n"; every record ends with CRLF, so handing it all but
    // that last "\n" puts the exact bytes on stdout, quoted line breaks and all.
    context.stdout(csv.endsWith('\n') ? csv.slice(0, -1) : csv);
    return 0;
  }
  try {
    await writeFile(out, csv, 'utf8');
  } catch (error) {
    context.stderr(`Cannot write ${out}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  context.stdout(`${receipt} to ${out}.`);
  return 0;
}
