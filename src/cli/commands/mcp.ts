// `waflow mcp`: the Model Context Protocol server (src/mcp) over stdio, for agents and editors.
// stdout carries the protocol alone: nothing else may print there, so console output is sent to
// stderr while it runs. The SDK (an optional peer) is imported only here.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseCommandArgs, settleArgs } from '../args.js';
import type { Command } from '../command.js';
import { EXIT_OK, EXIT_USAGE } from '../command.js';
import { stopSignal } from '../stop-signal.js';
import { describeFileError } from '../format/file-error.js';
import type { McpSdk } from '../../mcp/sdk.js';
import { MissingPeerError } from '../../peer/optional.js';

const USAGE = 'waflow mcp [--root DIR] [--config FILE] [--chromium PATH]';

const HELP = `usage: ${USAGE}

Serves the Model Context Protocol over stdio, for an MCP client (an agent, an editor). Tools:
  validate  the diagnostics of a Flow JSON (text or file), each with its safe fixes
  fix       apply the safe fixes (\`waflow validate --fix\`)
  schema    the JSON Schema (or TypeScript declarations) of a Flow JSON version
  explain   a component, property, action, diagnostic code or the flow-wide limits
  render    screens as PNG images, drawn by the browser app's phone in headless Chromium
  run       a FlowTester script of steps → the transcript, up to the completion
  deploy    \`waflow deploy --dry-run\` for an environment of waflow.config.json: the plan
  send      \`waflow send --draft\` through an environment of waflow.config.json
Files are read and written only inside the served folder (--root). deploy and send are
refused unless the project's waflow.config.json has the environment they name; credentials come
from the variables it names, in the server's environment, and never appear in an answer.

options:
  --root DIR        the folder the tools read and write files in (default: the current one)
  --config FILE     the project file (default: waflow.config.json in the root or a folder above)
  --chromium PATH   the Chromium render starts (default: WAFLOW_CHROMIUM, then the system's)

An MCP client starts it with, e.g.:
  {"mcpServers": {"waflow": {"command": "npx", "args": ["waflow", "mcp", "--root", "/path/to/project"]}}}

Needs the MCP SDK, an optional peer dependency: npm install @modelcontextprotocol/server
`;

interface McpArgs {
  readonly root?: string;
  readonly config?: string;
  readonly chromium?: string;
  readonly help: boolean;
}

export function parseMcpArgs(argv: readonly string[]): McpArgs | string {
  const options = { root: { type: 'string' }, config: { type: 'string' }, chromium: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;
  const parsed = parseCommandArgs(argv, options, { allowPositionals: false, maxLength: 120 });
  if ('error' in parsed) return parsed.error;
  const v = parsed.values;
  if (v.root === '') return '--root needs a folder';
  if (v.config === '') return '--config needs a file';
  if (v.chromium === '') return '--chromium needs a path';
  return { help: v.help === true, ...(v.root === undefined ? {} : { root: v.root }), ...(v.config === undefined ? {} : { config: v.config }), ...(v.chromium === undefined ? {} : { chromium: v.chromium }) };
}

/** Why `path` cannot be the served folder, or undefined when it can. */
function folderProblem(path: string): string | undefined {
  try {
    return statSync(path).isDirectory() ? undefined : 'is not a folder';
  } catch (error) {
    const reason = describeFileError(error);
    return `${reason.message} (${reason.code})`;
  }
}

export interface McpDependencies {
  /** Imports the SDK (tests pass one that fails as a missing package does). */
  readonly loadSdk?: () => Promise<McpSdk>;
}

/** Sends console.log/info/debug to stderr while the server runs: stdout is the protocol's. */
function consoleToStderr(): () => void {
  const saved = { log: console.log, info: console.info, debug: console.debug };
  console.log = console.info = console.debug = (...args: unknown[]) => console.error(...args);
  return () => Object.assign(console, saved);
}

export function createMcpCommand(deps: McpDependencies = {}): Command {
  return {
    name: 'mcp',
    usage: USAGE,
    async run(argv, io) {
      const args = settleArgs(parseMcpArgs(argv), io, { name: 'mcp', usage: USAGE, help: HELP });
      if (typeof args === 'number') return args;
      const root = resolve(io.cwd, args.root ?? '.');
      const rootProblem = folderProblem(root);
      if (rootProblem !== undefined) {
        io.stderr(`waflow mcp: --root ${args.root ?? '.'}: ${rootProblem}\n`);
        return EXIT_USAGE;
      }
      let sdk: McpSdk;
      try {
        sdk = await (deps.loadSdk ?? (await import('../../mcp/sdk.js')).loadMcpSdk)();
      } catch (error) {
        if (!(error instanceof MissingPeerError)) throw error;
        io.stderr(`${error.message}\n`);
        return EXIT_USAGE;
      }
      const { serveMcpStdio } = await import('../../mcp/server.js');
      const stop = stopSignal(undefined);
      const restore = consoleToStderr();
      try {
        await serveMcpStdio(sdk, { root, configFile: args.config === undefined ? undefined : resolve(io.cwd, args.config), env: io.env, chromiumPath: args.chromium }, { report: io.stderr, signal: stop.signal });
      } finally {
        restore();
        stop.dispose();
      }
      return EXIT_OK;
    },
  };
}

export const mcpCommand: Command = createMcpCommand();
