// What publish, deprecate and delete share: the flow NAME|ID names, read from the platform as it is
// now (its status decides what the verb may do), and, after a change of status, the new status in
// the report and in waflow.lock.json.
import type { FlowStatus } from '../../../api/contract/flows.js';
import { LOCK_FILE } from '../../../project/lock.js';
import type { OpenedEnvironment, VerbRun } from '../../verb.js';
import { call, findFlow, flowLabel, openFlows, updateLock } from './shared.js';
import type { FlowRef, FlowsDependencies } from './shared.js';

export interface Current {
  readonly opened: OpenedEnvironment;
  /** The environment's name. */
  readonly env: string;
  /** The flow, named as the platform names it now. */
  readonly ref: FlowRef;
  readonly status: FlowStatus | undefined;
}

/** Opens the environment and reads the flow's name and status before the verb decides anything. */
export async function currentFlow(run: VerbRun, deps: FlowsDependencies, nameOrId: string): Promise<Current> {
  const opened = await openFlows(run, deps);
  const found = await findFlow(opened, nameOrId);
  const before = await call(opened, `reading ${flowLabel(found)}`, (client) => client.flows.get(found.id, { fields: ['id', 'name', 'status'] }));
  return { opened, env: opened.environment.name, ref: { ...found, name: before.name ?? found.name }, status: before.status };
}

/**
 * After a change of status: the platform's new status (`expected` when it does not say) in the
 * report and the lock. Answers it, and the words that say it was recorded (or '').
 */
export async function recordStatus(run: VerbRun, { opened, ref }: Current, expected: FlowStatus): Promise<{ status: FlowStatus; recorded: string }> {
  const after = await call(opened, `reading ${flowLabel(ref)}`, (client) => client.flows.get(ref.id, { fields: ['id', 'status'] }));
  const status = after.status ?? expected;
  run.report.status = status;
  const locked = await updateLock(run, opened, ref.id, { status });
  run.report.lockUpdated = locked !== undefined;
  return { status, recorded: locked === undefined ? '' : ` (recorded in ${LOCK_FILE})` };
}
