// `waflow flows preview NAME|ID [--invalidate]`: the flow's web preview link and when it expires.
import { EXIT_OK } from '../../command.js';
import type { VerbDefinition } from '../../verb.js';
import { COMMON_HELP, COMMON_USAGE, call, findFlow, flowArgument, flowLabel, openFlows } from './shared.js';
import type { FlowsDependencies } from './shared.js';

const USAGE = `waflow flows preview NAME|ID [--invalidate] ${COMMON_USAGE}`;

/** "in 29 days", "in 3 hours", "expired": how long a link still works. */
export function untilText(expiresAt: string, now: Date): string {
  // Graph writes +0000, which Date reads only as +00:00.
  const at = new Date(expiresAt.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')).getTime();
  if (Number.isNaN(at)) return 'unknown';
  const ms = at - now.getTime();
  if (ms <= 0) return 'expired';
  const hours = Math.floor(ms / 3_600_000);
  if (hours >= 48) return `in ${Math.floor(hours / 24)} days`;
  if (hours >= 1) return `in ${hours} hour${hours === 1 ? '' : 's'}`;
  return `in ${Math.max(1, Math.floor(ms / 60_000))} min`;
}

export function previewVerb(deps: FlowsDependencies): VerbDefinition {
  return {
    name: 'flows preview',
    usage: USAGE,
    options: { invalidate: { type: 'boolean' } },
    help: `usage: ${USAGE}

Prints the flow's web preview link (anyone with it can see the flow's screens) and its expiry.

  --invalidate      make a new link; the old one stops working (Meta's Graph API only: the
                    360dialog Partner API documents no way to do it)

${COMMON_HELP}`,
    async run(run) {
      const nameOrId = flowArgument(run, USAGE);
      const opened = await openFlows(run, deps);
      const ref = await findFlow(opened, nameOrId);
      const invalidate = run.args.values.invalidate === true;
      const answer = await call(opened, `reading the preview of ${flowLabel(ref)}`, (client) => client.flows.preview(ref.id, { invalidate }));
      const { previewUrl, expiresAt } = answer.preview;
      Object.assign(run.report, { id: ref.id, name: ref.name ?? null, previewUrl, expiresAt, invalidated: invalidate });
      run.out(`Preview of ${flowLabel(ref)} on "${opened.environment.name}"${invalidate ? ' (a new link; the old one no longer works)' : ''}:\n  ${previewUrl}\n  expires ${expiresAt} (${untilText(expiresAt, new Date())})\n`);
      return EXIT_OK;
    },
  };
}
