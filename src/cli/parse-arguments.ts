import { type ParseArgsConfig, parseArgs } from 'node:util';

/** A command's options and whether it takes positionals; `args` and `strict` are set here. */
export type ArgumentsConfig = Omit<ParseArgsConfig, 'args' | 'strict' | 'tokens'>;

type Parsed<T extends ArgumentsConfig> = ReturnType<typeof parseArgs<T & { strict: true }>>;

function isParseArgsError(error: unknown): boolean {
  return String((error as { code?: unknown } | null)?.code).startsWith('ERR_PARSE_ARGS_');
}

/**
 * Node's own messages run to several lines of advice about `--`; a re-parse without `strict`
 * yields the tokens, which name the offending argument as the operator typed it.
 */
function describeMistake(args: string[], config: ArgumentsConfig, error: Error): string {
  const options = config.options ?? {};
  const { tokens } = parseArgs({ ...config, args, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'positional' && !config.allowPositionals) {
      return `unexpected argument ${JSON.stringify(token.value)}`;
    }
    if (token.kind !== 'option') continue;
    const option = options[token.name];
    if (!option) return `unknown option ${token.rawName}`;
    if (option.type === 'boolean' && token.value !== undefined) return `${token.rawName} takes no value`;
    if (option.type === 'string' && token.value === undefined) return `${token.rawName} needs a value`;
    if (option.type === 'string' && !token.inlineValue && token.value?.startsWith('-')) {
      return `${token.rawName} needs a value, and ${JSON.stringify(token.value)} looks like an option (write ${token.rawName}=${token.value} if it is the value)`;
    }
  }
  return error.message.split('\n')[0] ?? error.message;
}

/**
 * `parseArgs` in strict mode, so `--at x` and `--at=x` both work and a typo is refused; a mistake
 * comes back as one line naming the argument, for `prepare` to return as its error.
 */
export function parseArguments<const T extends ArgumentsConfig>(
  args: readonly string[],
  config: T,
): Parsed<T> | { error: string } {
  try {
    return parseArgs({ ...config, args: [...args], strict: true }) as Parsed<T>;
  } catch (error) {
    if (!(error instanceof Error) || !isParseArgsError(error)) throw error;
    return { error: describeMistake([...args], config, error) };
  }
}
