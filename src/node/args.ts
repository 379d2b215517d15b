/** Command-line flag parser shared by the Node programs (the CLI, the station): returns an error message for an unknown or valueless flag. */
export function parseArgs(
  argv: string[],
  flags: Record<string, 'value' | 'bool'>,
): { values: Record<string, string | true>; error?: string } {
  const values: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) return { values, error: `unexpected argument "${a}"` };
    // split at the first '=' only: --tags=a=b keeps "a=b" whole
    const eq = a.indexOf('=');
    const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
    const inline = eq < 0 ? undefined : a.slice(eq + 1);
    const kind = flags[name];
    if (!kind)
      return {
        values,
        error: `unknown option --${name}; known: ${Object.keys(flags)
          .map((f) => `--${f}`)
          .join(' ')}`,
      };
    if (kind === 'bool') values[name] = true;
    else {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) return { values, error: `--${name} needs a value` };
      values[name] = v;
    }
  }
  return { values };
}
