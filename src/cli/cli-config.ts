import { z } from 'zod';
import { ConfigError, envSchema } from '../config/env';
import type { DatabaseLocation } from '../db/open-database';

/**
 * The CLI's own settings. It reads only what it needs to reach the database, so an admin can
 * migrate or import accounts on a machine that has no Slack tokens.
 */
const cliEnvSchema = z.object({
  // Reused from the bot's schema (not `.pick`ed: zod refuses to pick from a refined object), so
  // the CLI and the bot accept and reject exactly the same values.
  DATABASE_URL: envSchema.shape.DATABASE_URL,
  PGLITE_DATA_DIR: envSchema.shape.PGLITE_DATA_DIR,
  CS_TIMEZONE: envSchema.shape.CS_TIMEZONE,
  CS_ADMINS: envSchema.shape.CS_ADMINS,
  CS_REPORT_CHANNEL: envSchema.shape.CS_REPORT_CHANNEL,
  SLACK_API_URL: envSchema.shape.SLACK_API_URL,
  // Optional here: only `sweep` posts to Slack, and it says so when the token is missing.
  SLACK_BOT_TOKEN: envSchema.shape.SLACK_BOT_TOKEN.optional(),
  CS_DEMO_CHANNEL: z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(
      z
        .string()
        .regex(/^[CG][A-Z0-9]{8,}$/, 'must be a Slack channel id like C0123ABCD')
        .optional(),
    )
    .optional(),
});

export interface CliConfig {
  database: DatabaseLocation;
  timeZone: string;
  /** The channel `seed-demo` gives its first account, so a demo shows reminders somewhere real. */
  demoChannelId: string | null;
  slack: { botToken: string | undefined; apiUrl: string | undefined };
  admins: string[];
  reportChannel: string | null;
}

/** Throws a ConfigError whose problems each start with the variable's name. */
export function loadCliConfig(environment: Record<string, string | undefined>): CliConfig {
  const parsed = cliEnvSchema.safeParse(environment);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`),
    );
  }
  const env = parsed.data;
  return {
    database: env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL }
      : { kind: 'pglite', dataDir: env.PGLITE_DATA_DIR },
    timeZone: env.CS_TIMEZONE,
    demoChannelId: env.CS_DEMO_CHANNEL ?? null,
    slack: { botToken: env.SLACK_BOT_TOKEN, apiUrl: env.SLACK_API_URL },
    admins: env.CS_ADMINS,
    reportChannel: env.CS_REPORT_CHANNEL ?? null,
  };
}

/** ConfigError's own message speaks of the bot starting; the CLI says what it could not do. */
export function formatCliConfigError(error: ConfigError): string[] {
  return [
    'npm run cs: the database settings are not valid.',
    ...error.problems.map((problem) => `  - ${problem}`),
    'Set these in the environment or in .env (see .env.example and the README).',
  ];
}
