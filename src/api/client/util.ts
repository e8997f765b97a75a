// Small helpers the client's method groups share.

/** The keys of `source` that are set. */
export function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) {
    if (source[key] !== undefined) out[key] = source[key];
  }
  return out;
}

/** A Flow JSON document as text; pretty-printed, so validation errors' lines and columns point at readable text. */
export function flowJsonText(json: string | object): string {
  return typeof json === 'string' ? json : JSON.stringify(json, null, 2);
}
