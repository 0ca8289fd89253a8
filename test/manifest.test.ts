import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const repoRoot = new URL('../', import.meta.url);
// Slack's published schema, copied into the fixtures with its MIT license so a bare clone can validate.
const schemaPath = fileURLToPath(
  new URL('test/fixtures/slack-manifest-schema/slack-app-manifest.schema.json', repoRoot),
);
const manifestPath = fileURLToPath(new URL('manifest.yml', repoRoot));

const DOCUMENTED_BOT_SCOPES = [
  'commands',
  'chat:write',
  'channels:history',
  'groups:history',
  'users:read',
  'im:write',
  'im:history',
];

interface Manifest {
  display_information: { name: string; background_color?: string };
  features?: {
    app_home?: { home_tab_enabled?: boolean; messages_tab_enabled?: boolean; messages_tab_read_only_enabled?: boolean };
    slash_commands?: { command: string; url?: string; usage_hint?: string }[];
    shortcuts?: { type: string; callback_id: string }[];
  };
  oauth_config?: { scopes?: { bot?: string[] } };
  settings?: {
    interactivity?: { is_enabled: boolean; request_url?: string; message_menu_options_url?: string };
    event_subscriptions?: { bot_events?: string[] };
  };
}

function loadSchema(): object {
  if (!existsSync(schemaPath)) {
    // A missing schema must fail loudly: skipping would let an invalid manifest ship unnoticed.
    throw new Error(
      `Slack manifest schema not found at ${schemaPath}; it belongs in test/fixtures/slack-manifest-schema/.`,
    );
  }
  return JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
}

describe('manifest.yml', () => {
  let validate: ValidateFunction;
  let manifest: Manifest;

  beforeAll(() => {
    // strict:false because Slack's schema uses a non-standard "regex" keyword and the "uri" format.
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    validate = ajv.compile(loadSchema());
    manifest = parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  });

  it('validates against the Slack app manifest v1 schema', () => {
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('rejects a display name longer than 35 characters, so the schema is really applied', () => {
    const tooLong = structuredClone(manifest);
    tooLong.display_information.name = 'x'.repeat(36);
    expect(validate(tooLong)).toBe(false);
    expect(validate.errors?.some((e) => e.instancePath === '/display_information/name')).toBe(true);
  });

  it('declares the /cs slash command with its usage hint', () => {
    const cs = manifest.features?.slash_commands?.find((c) => c.command === '/cs');
    expect(cs).toBeDefined();
    expect(cs?.usage_hint).toBe('log | tasks | account <name> | timeline <account> | accelerator <account> | help');
  });

  it('declares the global and message shortcuts the app listens for', () => {
    const shortcuts = manifest.features?.shortcuts?.map((s) => [s.type, s.callback_id]);
    expect(shortcuts).toEqual([
      ['global', 'log_activity_shortcut'],
      ['message', 'log_activity_from_message'],
    ]);
  });

  it('enables interactivity with an options URL for external_select typeahead', () => {
    const interactivity = manifest.settings?.interactivity;
    expect(interactivity?.is_enabled).toBe(true);
    expect(interactivity?.request_url).toMatch(/^https:\/\/.+\/slack\/events$/);
    expect(interactivity?.message_menu_options_url).toMatch(/^https:\/\/.+\/slack\/events$/);
  });

  it('keeps the Messages tab for the daily DM but read-only, since nothing answers messages sent there', () => {
    expect(manifest.features?.app_home).toMatchObject({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: true,
    });
  });

  it('subscribes to app_home_opened for the Home tab', () => {
    expect(manifest.settings?.event_subscriptions?.bot_events).toContain('app_home_opened');
  });

  it('asks for exactly the documented bot scopes and no more', () => {
    expect([...(manifest.oauth_config?.scopes?.bot ?? [])].sort()).toEqual([...DOCUMENTED_BOT_SCOPES].sort());
  });

  it('uses a hex background colour, which the schema does not itself enforce', () => {
    expect(manifest.display_information.background_color).toMatch(/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/);
  });
});
