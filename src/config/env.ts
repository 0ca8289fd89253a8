import { z } from 'zod';
import { isTimeZone } from '../domain/calendar-day';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const slackUserIds = z
  .string()
  .default('')
  .transform((value) => value.split(/[\s,]+/).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be Slack user ids like U012ABCDEF, comma-separated')));

/** Every setting cs-bot reads from the environment; see .env.example for what each one is for. */
export const envSchema = z.object({
  SLACK_BOT_TOKEN: z
    .string({ error: 'is required: the Bot User OAuth Token from your Slack app (OAuth & Permissions)' })
    .trim()
    .startsWith('xoxb-', 'must be a bot token starting with xoxb-'),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.pipe(
    z.string().startsWith('xapp-', 'must be an app-level token starting with xapp-').optional(),
  ),
  SLACK_API_URL: optionalText.pipe(
    z
      .url({ error: 'must be a URL such as https://slack.com/api/' })
      .transform((value) => (value.endsWith('/') ? value : `${value}/`))
      .optional(),
  ),
  // An empty PORT= would coerce to 0, a random port: refused, so a typo never hides the bot.
  PORT: z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a port number such as 3000 (0 picks a free port); it is set but empty or not a number')
    .transform(Number)
    .pipe(z.number().int().max(65535, 'must be a port number no higher than 65535'))
    .default(3000),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  PGLITE_DATA_DIR: z.string().trim().min(1).default('./.data/pglite'),
  CS_TIMEZONE: z
    .string()
    .trim()
    .default('UTC')
    .refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin or America/New_York'),
  CS_ADMINS: slackUserIds,
  CS_REPORT_CHANNEL: optionalText.pipe(
    z
      .string()
      .regex(/^[CG][A-Z0-9]{8,}$/, 'must be a Slack channel id like C0123ABCD (a name such as #cs-team is not one)')
      .optional(),
  ),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  slack: {
    botToken: string;
    signingSecret: string | undefined;
    appToken: string | undefined;
    apiUrl: string | undefined;
    mode: 'socket' | 'http';
  };
  port: number;
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  timeZone: string;
  admins: string[];
  /** Where the Monday team digest goes; null sends none. */
  reportChannel: string | null;
  logLevel: Env['LOG_LEVEL'];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `cs-bot cannot start: its configuration is not valid.\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        'Set these in the environment or in .env (see .env.example and the README).',
    );
    this.name = 'ConfigError';
  }
}

/** Parses the environment once at start; throws a ConfigError naming each bad variable. */
export function loadConfig(environment: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(environment);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`);
  // Checked beside the schema, not in it, so this problem is reported together with the others.
  if (!environment.SLACK_APP_TOKEN?.trim() && !environment.SLACK_SIGNING_SECRET?.trim()) {
    problems.push(
      'SLACK_SIGNING_SECRET is required in HTTP mode (Basic Information > Signing Secret); or set SLACK_APP_TOKEN to run in Socket Mode',
    );
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const env = parsed.data;
  return {
    slack: {
      botToken: env.SLACK_BOT_TOKEN,
      signingSecret: env.SLACK_SIGNING_SECRET,
      appToken: env.SLACK_APP_TOKEN,
      apiUrl: env.SLACK_API_URL,
      mode: env.SLACK_APP_TOKEN ? 'socket' : 'http',
    },
    port: env.PORT,
    database: env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL }
      : { kind: 'pglite', dataDir: env.PGLITE_DATA_DIR },
    timeZone: env.CS_TIMEZONE,
    admins: env.CS_ADMINS,
    reportChannel: env.CS_REPORT_CHANNEL ?? null,
    logLevel: env.LOG_LEVEL,
  };
}
