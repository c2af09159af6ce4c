// A small, strict flag parser: --name value, --name=value, --flag; unknown flags are errors.

export interface FlagSpec {
  /** Takes a value (string) or is a switch (boolean). */
  kind: 'string' | 'boolean';
  /** Environment variable consulted when the flag is absent. */
  env?: string;
  describe: string;
}

export type ParsedArgs = { flags: Record<string, string | boolean | undefined>; positionals: string[] };

export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseArgs(
  argv: string[],
  specs: Record<string, FlagSpec>,
  env: NodeJS.ProcessEnv = process.env,
): ParsedArgs {
  const flags: ParsedArgs['flags'] = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const spec = specs[name];
    if (!spec)
      throw new UsageError(
        `unknown option --${name}; options: ${Object.keys(specs)
          .map((k) => `--${k}`)
          .join(' ')}`,
      );
    if (spec.kind === 'boolean') {
      flags[name] = inline === undefined ? true : inline !== 'false';
    } else {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`option --${name} needs a value`);
      flags[name] = value;
    }
  }
  for (const [name, spec] of Object.entries(specs)) {
    const fromEnv = spec.env ? env[spec.env] : undefined;
    if (flags[name] === undefined && fromEnv !== undefined && fromEnv !== '') {
      flags[name] = spec.kind === 'boolean' ? fromEnv !== '0' && fromEnv !== 'false' : fromEnv;
    }
  }
  return { flags, positionals };
}

export function helpText(usage: string, specs: Record<string, FlagSpec>): string {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const left = `  --${name}${spec.kind === 'string' ? ' VALUE' : ''}`;
    const env = spec.env ? ` [env ${spec.env}]` : '';
    return `${left.padEnd(26)} ${spec.describe}${env}`;
  });
  return `${usage}\n\nOptions:\n${rows.join('\n')}\n`;
}
