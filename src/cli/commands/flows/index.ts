// `waflow flows <subcommand>`: the flows of an environment, managed from the terminal. Each
// subcommand is a verb (src/cli/verb.ts) in a file of its own; this file only dispatches.
import type { Command } from '../../command.js';
import { EXIT_OK, EXIT_USAGE } from '../../command.js';
import { runVerb } from '../../verb.js';
import type { VerbDefinition } from '../../verb.js';
import { deleteVerb } from './delete.js';
import { deprecateVerb } from './deprecate.js';
import { getVerb } from './get.js';
import { listVerb } from './list.js';
import { previewVerb } from './preview.js';
import { publishVerb } from './publish.js';
import { pullVerb } from './pull.js';
import { COMMON_HELP } from './shared.js';
import type { FlowsDependencies } from './shared.js';

export type { FlowsDependencies } from './shared.js';

const SUBCOMMANDS: readonly { name: string; summary: string; make: (deps: FlowsDependencies) => VerbDefinition }[] = [
  { name: 'list', summary: 'the flows of the environment: name, id, status, categories, errors', make: listVerb },
  { name: 'get', summary: "one flow's details and validation errors (line:column)", make: getVerb },
  { name: 'pull', summary: "download a flow's current Flow JSON into its file", make: pullVerb },
  { name: 'preview', summary: "the flow's web preview link and its expiry", make: previewVerb },
  { name: 'publish', summary: 'publish a DRAFT (it becomes immutable)', make: publishVerb },
  { name: 'deprecate', summary: 'retire a published flow', make: deprecateVerb },
  { name: 'delete', summary: 'delete a DRAFT flow (needs --yes)', make: deleteVerb },
];

export const FLOWS_SUBCOMMANDS: readonly string[] = SUBCOMMANDS.map((s) => s.name);

const USAGE = `waflow flows <${FLOWS_SUBCOMMANDS.join('|')}> [NAME|ID] [options]`;

const HELP = `usage: ${USAGE}

Manages the flows of an environment of waflow.config.json (or, with no project file, of
\`waflow dev\`). NAME is a flow's name (in the config or on the platform); digits are an id.

subcommands:
${SUBCOMMANDS.map((s) => `  ${s.name.padEnd(10)}  ${s.summary}`).join('\n')}

Run \`waflow flows <subcommand> --help\` for its options.

${COMMON_HELP}`;

/** The command, with its client (and download) replaceable for tests. */
export function createFlowsCommand(deps: FlowsDependencies = {}): Command {
  return {
    name: 'flows',
    usage: USAGE,
    async run(argv, io) {
      const [name, ...rest] = argv;
      if (name === '--help' || name === '-h' || name === 'help') {
        io.stdout(HELP);
        return EXIT_OK;
      }
      const sub = SUBCOMMANDS.find((s) => s.name === name);
      if (sub === undefined) {
        const what = name === undefined ? 'name a subcommand' : name.startsWith('-') ? `put the subcommand before the options (got "${name.slice(0, 40)}")` : `unknown subcommand "${name.slice(0, 40)}"`;
        io.stderr(`waflow flows: ${what}; the subcommands: ${FLOWS_SUBCOMMANDS.join(', ')}.\nusage: ${USAGE}\n`);
        return EXIT_USAGE;
      }
      return runVerb(sub.make(deps), rest, io);
    },
  };
}

export const flowsCommand: Command = createFlowsCommand();
