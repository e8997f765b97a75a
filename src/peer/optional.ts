// Optional peer dependencies (database drivers, the embedded database) are loaded only by the
// code that uses them, so installing waflow to validate flows pulls none of them. When one is
// missing, the error names the package and the install line instead of a bare module error.

export class MissingPeerError extends Error {
  readonly code = 'PEER_MISSING';
  constructor(
    readonly packageName: string,
    what: string,
  ) {
    super(`${what} needs the optional package "${packageName}", which is not installed: run \`npm install ${packageName}\``);
    this.name = 'MissingPeerError';
  }
}

/** True when `error` says that `packageName` itself (not one of its own imports) cannot be found. */
function isMissing(error: unknown, packageName: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return typeof message === 'string' && message.includes(`Cannot find module '${packageName}'`);
  return typeof message === 'string' && (message.includes(`'${packageName}'`) || message.includes(`"${packageName}"`));
}

/**
 * `await import('pg').catch(peerMissing('pg', 'The PostgreSQL store'))`: the import stays a
 * literal (bundlers and types see it); only its failure is translated.
 */
export function peerMissing(packageName: string, what: string): (error: unknown) => never {
  return (error) => {
    if (isMissing(error, packageName)) throw new MissingPeerError(packageName, what);
    throw error;
  };
}
