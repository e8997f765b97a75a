/** What a command may touch, so tests run commands in process and read what they print. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface Command {
  readonly name: string;
  readonly usage: string;
  /** Resolves to the process exit status. Never throws for bad input: it prints and returns 2. */
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

/** Exit statuses shared by every command. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
