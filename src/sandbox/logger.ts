// The sandbox's logger: one line per event with a few fields. Callers pass only ids, paths and
// statuses; a key, a secret or a request body is never a field (see auth.ts for why keys stay out).

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

export interface SandboxLogger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function format(level: LogLevel, message: string, fields: LogFields | undefined): string {
  const parts = [`[sandbox] ${level}: ${message}`];
  for (const [key, value] of Object.entries(fields ?? {})) {
    if (value !== undefined) parts.push(`${key}=${typeof value === 'string' ? JSON.stringify(value) : String(value)}`);
  }
  return `${parts.join(' ')}\n`;
}

/** A logger writing lines at or above `level` to `write` (stderr in `waflow dev`). */
export function createLogger(write: (line: string) => void, level: LogLevel = 'info'): SandboxLogger {
  const at = (l: LogLevel) => (message: string, fields?: LogFields) => {
    if (ORDER[l] >= ORDER[level]) write(format(l, message, fields));
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Logs nothing (tests, embedding). */
export const silentLogger: SandboxLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** Collects lines in memory, so tests can assert what was and was not logged. */
export function createMemoryLogger(): SandboxLogger & { readonly lines: string[] } {
  const lines: string[] = [];
  return { ...createLogger((line) => lines.push(line), 'debug'), lines };
}
