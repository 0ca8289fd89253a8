import { readFileSync } from 'node:fs';

/**
 * The node flags `npm start` runs the bot with (V8's heap settings among them), read from
 * package.json so that process tests and the memory bench run the bot exactly as a user does.
 */
export function startNodeFlags(): string[] {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    scripts: { start: string };
  };
  const words = manifest.scripts.start.trim().split(/\s+/);
  const entry = words.indexOf('src/main.ts');
  if (words[0] !== 'node' || entry === -1) {
    throw new Error(`package.json "start" should be "node <flags> src/main.ts", not "${manifest.scripts.start}"`);
  }
  return words.slice(1, entry);
}
