import type { CliIo } from './command.js';
import { EXIT_OK, EXIT_USAGE } from './command.js';
import { commands } from './commands/index.js';
import { VERSION } from './version.js';

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `waflow ${VERSION}: the toolkit and local platform for WhatsApp Flows

usage: waflow <command> [options]

commands:
${lines.join('\n')}

Run \`waflow <command> --help\` for a command's options; \`waflow --version\` prints the version.
`;
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v' || name === 'version') {
    io.stdout(`${VERSION}\n`);
    return EXIT_OK;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return EXIT_OK;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    if (name !== undefined) io.stderr(`waflow: unknown command "${name.slice(0, 40)}"\n\n`);
    io.stderr(help());
    return EXIT_USAGE;
  }
  return (await entry.load()).run(rest, io);
}
