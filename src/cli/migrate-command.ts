import { type CliCommand, noArguments } from './command';

/** The migrations themselves run before every command (see run-cli); this one reports them. */
export const migrateCommand: CliCommand = {
  words: ['migrate'],
  summary: 'Apply pending database migrations.',
  prepare: noArguments(async ({ migrationsApplied, stdout }) => {
    stdout(migrationsApplied > 0 ? `Applied ${migrationsApplied} migration(s).` : 'Database is up to date.');
    return 0;
  }),
};
