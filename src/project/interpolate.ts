// `${NAME}` and `${NAME:-default}` in the config's URLs and ids: read from the environment at deploy
// time, so one config serves every machine (WAFLOW_SANDBOX_URL, D360_WABA_ACCOUNT_ID...). Credentials
// are never interpolated: they have fields of their own that name a variable (`apiKeyEnv`).

/** What an environment variable name may be: upper case letters, digits and underscores. */
export const ENV_NAME = /^[A-Z_][A-Z0-9_]{0,127}$/;

const REFERENCE = /\$\{([^}]*)\}/g;

export interface Reference {
  readonly name: string;
  readonly fallback: string | undefined;
}

/** The references of a text, or a message saying what is wrong with its `${...}` syntax. */
export function references(text: string): Reference[] | string {
  const out: Reference[] = [];
  const open = text.split('${').length - 1;
  const matches = [...text.matchAll(REFERENCE)];
  if (matches.length !== open) return 'has a "${" without its closing "}"';
  for (const match of matches) {
    const inner = match[1] ?? '';
    const sep = inner.indexOf(':-');
    const name = sep < 0 ? inner : inner.slice(0, sep);
    if (!ENV_NAME.test(name)) return `refers to "\${${inner.slice(0, 40)}}": write \${NAME} or \${NAME:-default}, NAME in upper case letters, digits and _`;
    out.push({ name, fallback: sep < 0 ? undefined : inner.slice(sep + 2) });
  }
  return out;
}

export type Interpolated = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly missing: string };

/** Replaces each reference with its variable (unset or empty: the default; no default: `missing`). */
export function interpolate(text: string, env: Readonly<Record<string, string | undefined>>): Interpolated {
  let missing: string | undefined;
  const value = text.replace(REFERENCE, (_whole, inner: string) => {
    const sep = inner.indexOf(':-');
    const name = sep < 0 ? inner : inner.slice(0, sep);
    const given = env[name];
    if (given !== undefined && given !== '') return given;
    if (sep >= 0) return inner.slice(sep + 2);
    missing ??= name;
    return '';
  });
  return missing === undefined ? { ok: true, value } : { ok: false, missing };
}
