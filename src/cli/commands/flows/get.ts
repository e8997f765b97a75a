// `waflow flows get NAME|ID`: one flow's details, its validation errors as `waflow validate` shows them.
import type { FlowDetails, FlowHealthStatus } from '../../../api/contract/flows.js';
import { EXIT_OK } from '../../command.js';
import type { VerbDefinition } from '../../verb.js';
import { COMMON_HELP, COMMON_USAGE, call, countValidation, findFlow, flowArgument, flowLabel, localLabel, openFlows, plural, validationLines } from './shared.js';
import type { FlowsDependencies } from './shared.js';
import { LOCK_FILE } from '../../../project/lock.js';

const USAGE = `waflow flows get NAME|ID ${COMMON_USAGE}`;

const capitalized = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

function healthText(health: FlowHealthStatus): string[] {
  const entities = health.entities.map((e) => `${e.entityType} ${e.canSendMessage}`).join(', ');
  const lines = [`${health.canSendMessage}${entities === '' ? '' : ` (${entities})`}`];
  for (const entity of health.entities) {
    for (const e of entity.errors ?? []) lines.push(`  ${entity.entityType} ${e.errorCode}: ${e.errorDescription}${e.possibleSolution === '' ? '' : ` (${e.possibleSolution})`}`);
  }
  return lines;
}

/** The details, as aligned `key  value` lines. */
export function formatDetails(details: FlowDetails, extra: { file: string; project: string | undefined }): string {
  const rows: [string, string][] = [
    ['status', details.status ?? '-'],
    ['categories', (details.categories ?? []).join(', ') || '-'],
    ['json_version', details.jsonVersion ?? '-'],
    ['data_api_version', details.dataApiVersion ?? '-'],
    ['endpoint_uri', details.endpointUri ?? '-'],
  ];
  if (details.preview !== undefined) rows.push(['preview', `${details.preview.previewUrl} (expires ${details.preview.expiresAt})`]);
  if (details.healthStatus !== undefined) {
    const [first, ...more] = healthText(details.healthStatus);
    rows.push(['health_status', [first ?? '', ...more.map((m) => `${' '.repeat(20)}${m}`)].join('\n')]);
  }
  if (extra.project !== undefined) rows.push(['project', extra.project]);
  const entries = details.validationErrors ?? [];
  const counts = countValidation(entries);
  rows.push(['validation', entries.length === 0 ? 'no errors' : `${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')} (lines and columns of the Flow JSON on the platform)`]);
  const lines = rows.map(([key, value]) => `  ${key.padEnd(18)}${value}`);
  lines.push(...validationLines(extra.file, entries, '    '));
  return `${lines.join('\n')}\n`;
}

export function getVerb(deps: FlowsDependencies): VerbDefinition {
  return {
    name: 'flows get',
    usage: USAGE,
    help: `usage: ${USAGE}

Shows a flow of the environment: status, categories, json_version, data_api_version, endpoint_uri,
the preview link, health_status (Meta's Graph API only) and its validation errors as
\`file:line:column severity code message\`. NAME is the flow's name (in the config or on the
platform); digits are an id.

${COMMON_HELP}`,
    async run(run) {
      const nameOrId = flowArgument(run, USAGE);
      const opened = await openFlows(run, deps);
      const ref = await findFlow(opened, nameOrId);
      const details = await call(opened, `reading ${flowLabel(ref)}`, (client) => client.flows.get(ref.id));
      const name = details.name ?? ref.name;
      run.report.flow = details;
      if (ref.config !== undefined) run.report.project = { name: ref.config.name, file: ref.config.file, ...(ref.locked?.status === undefined ? {} : { lockedStatus: ref.locked.status }) };
      const project =
        ref.config === undefined
          ? ref.locked === undefined ? undefined : `recorded in ${LOCK_FILE} (not in the config)`
          : `"${ref.config.name}" of the config (${ref.config.file})${ref.locked?.status === undefined ? '' : `; ${LOCK_FILE} says ${ref.locked.status}`}`;
      run.out(`${capitalized(flowLabel({ id: details.id, name }))} on "${opened.environment.name}" (${opened.environment.provider}):\n`);
      run.out(formatDetails(details, { file: localLabel(run, opened, { ...ref, name }), project }));
      return EXIT_OK;
    },
  };
}
