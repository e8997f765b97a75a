// `waflow flows pull NAME|ID [--out FILE] [--force]`: the flow's current Flow JSON, written to the
// project's file for it (or <name>.json, or --out). A file that differs from the platform's copy is
// replaced only when it is what the last deploy uploaded (the lock's hash), or with --force.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { FetchLike } from '../../../api/client/options.js';
import { DEFAULT_TIMEOUT_MS } from '../../../api/client/options.js';
import { EXIT_FAILED, EXIT_OK } from '../../command.js';
import { LOCK_FILE, flowHash } from '../../../project/lock.js';
import { VerbError } from '../../verb.js';
import type { OpenedEnvironment, VerbDefinition, VerbRun } from '../../verb.js';
import { COMMON_HELP, COMMON_USAGE, call, fileNameFor, findFlow, flowArgument, flowLabel, openFlows, plural } from './shared.js';
import type { FlowRef, FlowsDependencies } from './shared.js';

const USAGE = `waflow flows pull NAME|ID [--out FILE] [--force] ${COMMON_USAGE}`;

/**
 * Reads a download_url. It is a link made to be fetched as is (Meta's is pre-signed; the sandbox
 * serves its own on loopback), so no credential is sent: a token must not travel to another host.
 */
export async function download(url: string, fetchAsset: FetchLike, timeoutMs: number): Promise<string> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new VerbError(EXIT_FAILED, 'platform', 'the platform gave the Flow JSON asset a download_url that is not a URL.');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new VerbError(EXIT_FAILED, 'platform', `the Flow JSON's download_url is not http(s) (${parsed.protocol}).`);
  let response: Response;
  try {
    response = await fetchAsset(url, { method: 'GET', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const timedOut = (error as { name?: string }).name === 'TimeoutError';
    throw new VerbError(EXIT_FAILED, 'network', `downloading the Flow JSON from ${parsed.host} ${timedOut ? `timed out after ${timeoutMs} ms` : 'failed (no answer)'}.`, {
      advice: 'check that the host is reachable, then pull again; the link is short-lived, so each pull asks for a new one.',
    });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new VerbError(EXIT_FAILED, 'platform', `downloading the Flow JSON from ${parsed.host} answered HTTP ${response.status}.`, { advice: 'pull again (each pull asks the platform for a new link).' });
  }
  return response.text();
}

/** Writes through a temp file and a rename, so a reader never sees half a file. */
async function writeAtomically(target: string, text: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** The file's text; undefined when there is none (writing then says why it cannot be made). */
async function readIfThere(file: string, shown: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new VerbError(EXIT_FAILED, 'file', `cannot read ${shown}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function targetOf(run: VerbRun, opened: OpenedEnvironment, ref: FlowRef, name: string): string {
  const out = run.args.values.out;
  if (typeof out === 'string') return resolve(run.io.cwd, out);
  if (ref.config !== undefined) return resolve(opened.project.dir, ref.config.file);
  return resolve(run.io.cwd, fileNameFor(name));
}

export function pullVerb(deps: FlowsDependencies): VerbDefinition {
  return {
    name: 'flows pull',
    usage: USAGE,
    options: { out: { type: 'string' }, force: { type: 'boolean' } },
    help: `usage: ${USAGE}

Downloads the flow's current Flow JSON and writes it, exactly as the platform holds it.

  --out FILE        where to write (default: the flow's "file" in waflow.config.json when it is a
                    flow of the project, else <name>.json in this folder)
  --force           replace a file with local changes

A file with other content is replaced only when it is what \`waflow deploy\` last uploaded
(${LOCK_FILE} records its hash); otherwise it has local changes and pull refuses, unless --force.

${COMMON_HELP}`,
    async run(run) {
      const nameOrId = flowArgument(run, USAGE);
      const opened = await openFlows(run, deps);
      const ref = await findFlow(opened, nameOrId);
      const label = flowLabel(ref);
      const details = await call(opened, `reading ${label}`, (client) => client.flows.get(ref.id, { fields: ['id', 'name', 'status'] }));
      const name = details.name ?? ref.name ?? ref.id;
      const assets = await call(opened, `listing the assets of ${label}`, (client) => client.flows.listAssets(ref.id));
      const asset = assets.data.find((a) => a.assetType === 'FLOW_JSON');
      if (asset === undefined) {
        throw new VerbError(EXIT_FAILED, 'no-flow-json', `${flowLabel({ id: ref.id, name })} has no Flow JSON on "${opened.environment.name}" yet.`, {
          advice: 'upload one first: `waflow deploy` does it for the flows of waflow.config.json.',
        });
      }
      const timeoutMs = opened.environment.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const text = await download(asset.downloadUrl, deps.fetch ?? ((url, init) => fetch(url, init)), timeoutMs);

      const target = targetOf(run, opened, ref, name);
      const shown = relative(run.io.cwd, target) || target;
      const current = await readIfThere(target, shown);
      const deployed = current !== undefined && ref.locked !== undefined && flowHash(current) === ref.locked.hash;
      Object.assign(run.report, { id: ref.id, name, status: details.status ?? null, file: shown, bytes: Buffer.byteLength(text) });
      if (current === text) {
        run.report.written = false;
        run.out(`${shown} already holds the Flow JSON of ${flowLabel({ id: ref.id, name })} on "${opened.environment.name}"; nothing written.\n`);
        return EXIT_OK;
      }
      if (current !== undefined && !deployed && run.args.values.force !== true) {
        throw new VerbError(EXIT_FAILED, 'local-changes', `${shown} has local changes: it differs from the Flow JSON of ${flowLabel({ id: ref.id, name })} on "${opened.environment.name}"${ref.locked === undefined ? '' : ` and from what the last deploy uploaded`}. Nothing was written.`, {
          advice: `run again with --force to replace it, or with --out FILE to write elsewhere; \`waflow deploy --env ${opened.environment.name}\` uploads your version instead.`,
        });
      }
      try {
        await writeAtomically(target, text);
      } catch (error) {
        throw new VerbError(EXIT_FAILED, 'file', `cannot write ${shown}: ${error instanceof Error ? error.message : String(error)}`);
      }
      run.report.written = true;
      const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
      run.out(`Wrote ${shown} (${plural(lines, 'line')}): the Flow JSON of ${flowLabel({ id: ref.id, name })}, ${details.status ?? 'status unknown'}, on "${opened.environment.name}"${current === undefined ? '' : ' (replaced the old content)'}.\n`);
      return EXIT_OK;
    },
  };
}
