import type { FileReadError } from './json.js';

/** Plain words for the errors reading a file usually meets; other codes keep Node's wording. */
const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'a parent of the path is not a directory',
  EMFILE: 'too many open files',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'file name too long',
};

/** The OS reason a file could not be read or written, without the stack or the absolute path Node adds. */
export function describeFileError(err: unknown): FileReadError {
  const code = typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : 'EIO';
  const known = REASONS[code];
  if (known) return { code, message: known };
  const raw = err instanceof Error ? err.message : String(err);
  // Node writes "CODE: reason, syscall 'path'"; keep the reason.
  const reason = raw.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
  return { code, message: reason };
}
