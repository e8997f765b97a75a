// `waflow flows delete NAME|ID --yes`: delete a DRAFT flow for good (the platform deletes nothing
// else: a published flow is deprecated instead), and drop it from waflow.lock.json.
import { EXIT_OK } from '../../command.js';
import { LOCK_FILE } from '../../../project/lock.js';
import { usageError } from '../../verb.js';
import type { VerbDefinition } from '../../verb.js';
import { currentFlow } from './lifecycle.js';
import { COMMON_HELP, COMMON_USAGE, call, flowArgument, flowLabel, refused, shellArg, updateLock } from './shared.js';
import type { FlowsDependencies } from './shared.js';

const USAGE = `waflow flows delete NAME|ID --yes ${COMMON_USAGE}`;

export function deleteVerb(deps: FlowsDependencies): VerbDefinition {
  return {
    name: 'flows delete',
    usage: USAGE,
    options: { yes: { type: 'boolean', short: 'y' } },
    help: `usage: ${USAGE}

Deletes a DRAFT flow; it cannot be undone, so --yes is required. Only drafts can be deleted: a
published flow is deprecated instead (\`waflow flows deprecate\`). The flow's entry in ${LOCK_FILE}
is removed.

  --yes, -y         confirm the deletion

${COMMON_HELP}`,
    async run(run) {
      const nameOrId = flowArgument(run, USAGE);
      if (run.args.values.yes !== true) throw usageError(`deleting a flow cannot be undone: add --yes to delete "${nameOrId.slice(0, 80)}"`);
      const { opened, env, ref, status } = await currentFlow(run, deps, nameOrId);
      Object.assign(run.report, { id: ref.id, name: ref.name ?? null, status: status ?? null, deleted: false });
      if (status !== undefined && status !== 'DRAFT') {
        const advice =
          status === 'DEPRECATED'
            ? 'none needed: a deprecated flow can no longer be sent, and the platform keeps it for its history.'
            : `deprecate it instead: \`waflow flows deprecate ${shellArg(ref.name ?? ref.id)} --env ${env}\` (it can then no longer be sent).`;
        throw refused('state', `refused: ${flowLabel(ref)} is ${status} on "${env}", and only a DRAFT flow can be deleted.`, advice, { status });
      }
      run.note(`deleting ${flowLabel(ref)} from "${env}"…`);
      await call(opened, `deleting ${flowLabel(ref)}`, (client) => client.flows.delete(ref.id));
      run.report.deleted = true;
      const locked = await updateLock(run, opened, ref.id, 'remove');
      run.report.lockUpdated = locked !== undefined;
      run.out(`Deleted ${flowLabel(ref)} from "${env}"${locked === undefined ? '' : `; removed "${locked}" from ${LOCK_FILE} (the next deploy creates it again)`}.\n`);
      return EXIT_OK;
    },
  };
}
