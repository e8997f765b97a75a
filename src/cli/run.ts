// The process around main(): real stdio, the exit status, and a last-resort message for a bug.
import process from 'node:process';
import type { CliIo } from './command.js';
import { main } from './main.js';

export async function runCli(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const io: CliIo = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
  };
  try {
    process.exitCode = await main(argv, io);
  } catch (error) {
    process.stderr.write(`waflow: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 70;
  }
}
