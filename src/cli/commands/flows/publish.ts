// `waflow flows publish NAME|ID`: publish a DRAFT (it becomes immutable), then show its status and
// record it in waflow.lock.json. A 139002 refusal shows the flow's validation errors and what to do.
import { ApiError } from '../../../api/errors.js';
import type { FlowStatus } from '../../../api/contract/flows.js';
import { EXIT_OK } from '../../command.js';
import { LOCK_FILE } from '../../../project/lock.js';
import { asVerbError } from '../../verb.js';
import type { OpenedEnvironment, VerbDefinition, VerbError, VerbRun } from '../../verb.js';
import { currentFlow, recordStatus } from './lifecycle.js';
import { COMMON_HELP, COMMON_USAGE, countValidation, flowArgument, flowLabel, localLabel, plural, refused, shellArg, updateLock, validationLines } from './shared.js';
import type { FlowRef, FlowsDependencies } from './shared.js';

const USAGE = `waflow flows publish NAME|ID ${COMMON_USAGE}`;

/** Statuses of a flow that was published (endpoint health moves it between them). */
export const LIVE: readonly FlowStatus[] = ['PUBLISHED', 'THROTTLED', 'BLOCKED'];

/** The failure of a publish, in words: validation errors at line:col and what to do. */
function publishFailure(run: VerbRun, opened: OpenedEnvironment, ref: FlowRef, error: unknown): VerbError {
  const failure = asVerbError(error, `publishing ${flowLabel(ref)}`, opened.environment.where);
  if (!(error instanceof ApiError) || error.code !== 139002) return failure;
  const entries = error.validationErrors ?? [];
  const env = opened.environment.name;
  if (entries.length === 0) {
    return refused('publish', `publishing ${flowLabel(ref)} failed (139002): ${error.message}`, `fix what the platform reports (an endpoint must answer the health check; only a DRAFT publishes), then run \`waflow flows publish ${shellArg(ref.name ?? ref.id)} --env ${env}\` again.`, failure.details);
  }
  const file = localLabel(run, opened, ref);
  const counts = countValidation(entries);
  const lines = [`publishing ${flowLabel(ref)} failed (139002): its Flow JSON has ${plural(counts.errors, 'validation error')}${counts.warnings === 0 ? '' : ` and ${plural(counts.warnings, 'warning')}`}:`, ...validationLines(file, entries)];
  const fix =
    ref.config === undefined
      ? `fix them in the flow's JSON (\`waflow flows pull ${shellArg(ref.name ?? ref.id)} --env ${env}\` fetches it; \`waflow validate FILE\` shows each with a code frame), upload it, then publish again.`
      : `fix them in ${file} (\`waflow validate ${file}\` shows each with a code frame), run \`waflow deploy --env ${env}\` to upload it, then \`waflow flows publish ${shellArg(ref.config.name)} --env ${env}\` (or \`waflow deploy --env ${env} --publish\`).`;
  return refused('validation', lines.join('\n'), fix, failure.details);
}

export function publishVerb(deps: FlowsDependencies): VerbDefinition {
  return {
    name: 'flows publish',
    usage: USAGE,
    help: `usage: ${USAGE}

Publishes a DRAFT flow: from then on it cannot change (deploy a change as a new flow with
\`waflow deploy --clone-as-new\`) and it can be sent. A flow with validation errors, or whose
endpoint does not answer the health check, is refused; the errors are shown as
\`file:line:column severity code message\`. The new status is recorded in ${LOCK_FILE}.

${COMMON_HELP}`,
    async run(run) {
      const current = await currentFlow(run, deps, flowArgument(run, USAGE));
      const { opened, env, ref, status: before } = current;
      Object.assign(run.report, { id: ref.id, name: ref.name ?? null, before: before ?? null });
      if (before !== undefined && LIVE.includes(before)) {
        run.report.status = before;
        await updateLock(run, opened, ref.id, { status: before });
        run.out(`${flowLabel(ref)} is already published (${before}) on "${env}"; nothing to do.\n`);
        return EXIT_OK;
      }
      if (before === 'DEPRECATED') {
        throw refused('state', `${flowLabel(ref)} is DEPRECATED on "${env}": a deprecated flow cannot be published again.`, ref.config === undefined ? 'create a new flow from its JSON (`waflow flows pull` fetches it) and publish that one.' : `\`waflow deploy --env ${env} --publish\` creates a new flow for "${ref.config.name}" and publishes it.`);
      }
      run.note(`publishing ${flowLabel(ref)} on "${env}"…`);
      try {
        await opened.client.flows.publish(ref.id);
      } catch (error) {
        throw publishFailure(run, opened, ref, error);
      }
      const { status, recorded } = await recordStatus(run, current, 'PUBLISHED');
      run.out(`Published ${flowLabel(ref)} on "${env}": status ${status}${recorded}.\n`);
      return EXIT_OK;
    },
  };
}
