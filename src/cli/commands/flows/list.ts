// `waflow flows list`: the environment's flows as a table, the project's own marked.
import type { ApiClient } from '../../../api/client.js';
import type { FlowSummary } from '../../../api/contract/flows.js';
import { EXIT_OK } from '../../command.js';
import { usageError } from '../../verb.js';
import type { VerbDefinition } from '../../verb.js';
import { COMMON_HELP, COMMON_USAGE, call, countValidation, openFlows, plural, projectFlow } from './shared.js';
import type { FlowsDependencies } from './shared.js';
import { formatTable } from './table.js';

const USAGE = `waflow flows list ${COMMON_USAGE}`;

export interface FlowListing {
  readonly flows: readonly FlowSummary[];
}

/** Every flow of the environment: the client follows the platform's pages (flows.listAll). */
export async function listFlows(client: ApiClient): Promise<FlowListing> {
  return { flows: await client.flows.listAll() };
}

export function listVerb(deps: FlowsDependencies): VerbDefinition {
  return {
    name: 'flows list',
    usage: USAGE,
    help: `usage: ${USAGE}

Lists the flows of an environment: name, id, status, categories and the number of validation
errors (warnings in brackets). PROJECT names the flow of waflow.config.json (or waflow.lock.json)
it is, for the flows this project deploys.

${COMMON_HELP}`,
    async run(run) {
      if (run.args.positionals.length > 0) throw usageError(`flows list takes no arguments; got "${run.args.positionals[0]?.slice(0, 40) ?? ''}"`);
      const opened = await openFlows(run, deps);
      const env = opened.environment;
      const listing = await call(opened, 'listing the flows', (client) => listFlows(client));
      const rows = listing.flows.map((f) => {
        const known = projectFlow(opened, f.id, [f.name]);
        const project = known.config?.name ?? Object.entries(opened.lock.flows).find(([, l]) => l.id === f.id)?.[0];
        return { flow: f, project, counts: countValidation(f.validationErrors ?? []) };
      });
      run.report.flows = rows.map(({ flow, project, counts }) => ({ id: flow.id, name: flow.name, status: flow.status, categories: flow.categories, errors: counts.errors, warnings: counts.warnings, project: project ?? null }));
      if (rows.length === 0) {
        run.out(`Environment "${env.name}" (${env.provider}) has no flows. \`waflow deploy --env ${env.name}\` creates the project's.\n`);
        return EXIT_OK;
      }
      const table = formatTable(
        ['NAME', 'ID', 'STATUS', 'CATEGORIES', 'ERRORS', 'PROJECT'],
        rows.map(({ flow, project, counts }) => [
          flow.name,
          flow.id,
          flow.status,
          (flow.categories ?? []).join(','),
          counts.warnings === 0 ? String(counts.errors) : `${counts.errors} (+${plural(counts.warnings, 'warning')})`,
          project ?? '',
        ]),
        '  ',
      );
      const ours = rows.filter((r) => r.project !== undefined).length;
      run.out(`Flows of "${env.name}" (${env.provider}, ${env.where}):\n${table}${plural(rows.length, 'flow')}${ours === 0 ? '' : `, ${ours} of this project`}.\n`);
      return EXIT_OK;
    },
  };
}
