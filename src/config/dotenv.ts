import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

/**
 * The process environment with `.env` filled in underneath: a variable already set in the process
 * wins over the file, and a missing file is simply no file.
 */
export function environmentWithDotenv(
  processEnv: NodeJS.ProcessEnv,
  dotenvPath: string,
): Record<string, string | undefined> {
  if (!existsSync(dotenvPath)) return { ...processEnv };
  const fromFile = parseEnv(readFileSync(dotenvPath, 'utf8'));
  return { ...fromFile, ...processEnv };
}
