import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseCommandArgs, settleArgs } from '../args.js';
import type { Command } from '../command.js';
import { EXIT_OK, EXIT_USAGE } from '../command.js';
import { generateJsonSchema, schemaVersions } from '../../flow-json/schema/index.js';
import { generateTypeScript } from '../../flow-json/typescript/generate.js';
import { LATEST_FLOW_JSON_VERSION, isFlowJsonVersion } from '../../flow-json/versions.js';
import type { FlowJsonVersion } from '../../flow-json/versions.js';
import { describeFileError } from '../format/file-error.js';

const USAGE = 'waflow schema [--version X] [--typescript] [--out file]';

const HELP = `usage: ${USAGE}

Prints the JSON Schema (draft 2020-12) of a Flow JSON version, for editors and other tools,
or with --typescript its TypeScript declarations, for flows written in TypeScript.

options:
  --version X     the Flow JSON version (default ${LATEST_FLOW_JSON_VERSION})
  --typescript    print TypeScript declarations (FlowJson, Screen, Component...) instead
  --out file      write to this file instead of standard output
`;

interface SchemaArgs {
  readonly version: FlowJsonVersion;
  readonly out?: string;
  readonly help: boolean;
  readonly typescript: boolean;
}

/** Parses argv; returns a message for a usage error. `--x value` and `--x=value` both work. */
export function parseSchemaArgs(argv: readonly string[]): SchemaArgs | string {
  const options = { version: { type: 'string' }, out: { type: 'string' }, typescript: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;
  const parsed = parseCommandArgs(argv, options, { allowPositionals: false });
  if ('error' in parsed) return parsed.error;
  const { version = LATEST_FLOW_JSON_VERSION, out, help = false, typescript = false } = parsed.values;
  const supported = schemaVersions();
  if (!isFlowJsonVersion(version) || !supported.includes(version)) {
    return `unknown --version "${version}"; valid versions: ${supported.join(', ')}`;
  }
  if (out === '') return '--out needs a file name';
  return { version, help, typescript, ...(out !== undefined ? { out } : {}) };
}

export const schemaCommand: Command = {
  name: 'schema',
  usage: USAGE,
  async run(argv, io) {
    const args = settleArgs(parseSchemaArgs(argv), io, { name: 'schema', usage: USAGE, help: HELP });
    if (typeof args === 'number') return args;
    const text = args.typescript ? generateTypeScript(args.version) : `${JSON.stringify(generateJsonSchema(args.version), null, 2)}\n`;
    if (args.out === undefined) {
      io.stdout(text);
      return EXIT_OK;
    }
    try {
      await writeFile(resolve(io.cwd, args.out), text, 'utf8');
    } catch (err) {
      const reason = describeFileError(err);
      io.stderr(`waflow schema: cannot write ${args.out}: ${reason.message} (${reason.code})\n`);
      return EXIT_USAGE;
    }
    io.stderr(`waflow schema: wrote the Flow JSON ${args.version} ${args.typescript ? 'TypeScript declarations' : 'schema'} to ${args.out}\n`);
    return EXIT_OK;
  },
};
