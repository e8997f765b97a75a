// `waflow flows deprecate NAME|ID`: retire a published flow (it can no longer be sent) and record
// the new status in waflow.lock.json.
import { EXIT_OK } from '../../command.js';
import { LOCK_FILE } from '../../../project/lock.js';
import type { VerbDefinition } from '../../verb.js';
import { currentFlow, recordStatus } from './lifecycle.js';
import { COMMON_HELP, COMMON_USAGE, call, flowArgument, flowLabel, refused, shellArg, updateLock } from './shared.js';
import type { FlowsDependencies } from './shared.js';

const USAGE = `waflow flows deprecate NAME|ID ${COMMON_USAGE}`;

export function deprecateVerb(deps: FlowsDependencies): VerbDefinition {
  return {
    name: 'flows deprecate',
    usage: USAGE,
    help: `usage: ${USAGE}

Deprecates a published flow: it can no longer be sent, and it cannot be published again. A DRAFT
was never published: delete it instead. The new status is recorded in ${LOCK_FILE}.

${COMMON_HELP}`,
    async run(run) {
      const current = await currentFlow(run, deps, flowArgument(run, USAGE));
      const { opened, env, ref } = current;
      const shownName = ref.name ?? ref.id;
      Object.assign(run.report, { id: ref.id, name: ref.name ?? null, before: current.status ?? null });
      if (current.status === 'DEPRECATED') {
        run.report.status = 'DEPRECATED';
        await updateLock(run, opened, ref.id, { status: 'DEPRECATED' });
        run.out(`${flowLabel(ref)} is already DEPRECATED on "${env}"; nothing to do.\n`);
        return EXIT_OK;
      }
      if (current.status === 'DRAFT') {
        throw refused('state', `${flowLabel(ref)} is a DRAFT on "${env}": only a published flow can be deprecated.`, `a draft was never sent: delete it with \`waflow flows delete ${shellArg(shownName)} --env ${env} --yes\`, or publish it first.`);
      }
      run.note(`deprecating ${flowLabel(ref)} on "${env}"…`);
      await call(opened, `deprecating ${flowLabel(ref)}`, (client) => client.flows.deprecate(ref.id));
      const { status, recorded } = await recordStatus(run, current, 'DEPRECATED');
      run.out(`Deprecated ${flowLabel(ref)} on "${env}": status ${status}${recorded}.\n`);
      return EXIT_OK;
    },
  };
}
