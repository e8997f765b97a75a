import process from 'node:process';
import { commands } from './commands/index.js';
import type { CliIo } from './command.js';
import { EXIT_USAGE } from './command.js';

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  const command = commands.find((c) => c.name === name);
  if (!command) {
    if (name && name !== 'help' && name !== '--help' && name !== '-h') io.stderr(`waflow: unknown command "${name}"\n\n`);
    io.stderr(`usage: waflow <command> [options]\n\n${commands.map((c) => `  ${c.usage}\n      ${c.summary}`).join('\n')}\n`);
    return EXIT_USAGE;
  }
  return command.run(rest, io);
}

const io: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  env: process.env,
};

// Run only when executed, not when imported by tests.
if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2), io).then(
    (code) => { process.exitCode = code; },
    (err: unknown) => {
      process.stderr.write(`waflow: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 70;
    },
  );
}
