// What every tool call may use: the folder the server serves (files are read and written only
// inside it), the project file that names the environments, the process environment (credentials
// are read from it by the commands, never returned), and the Flow JSON a call gives.
import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { describeFileError } from '../cli/format/file-error.js';
import { ToolInputError } from './tools/tool.js';
import type { JsonSchema } from './tools/tool.js';

export interface ToolContext {
  /** The server's working folder: relative paths start here and no path may leave it. */
  readonly root: string;
  /** `waflow mcp --config FILE`; otherwise waflow.config.json is looked up from root. */
  readonly configFile: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `waflow mcp --chromium PATH`, for render. */
  readonly chromiumPath: string | undefined;
}

/** The Flow JSON of a call: its text, a name for messages, and its path when it came from a file. */
export interface FlowSource {
  readonly text: string;
  readonly name: string;
  readonly path?: string;
}

/** The input properties of tools that take a flow: its text, or a file in the served folder. */
export const FLOW_INPUT: Readonly<Record<string, JsonSchema>> = {
  flow: { type: 'string', description: 'The Flow JSON text. Give either flow or file.' },
  file: { type: 'string', description: "A Flow JSON file, relative to the server's folder (it cannot leave that folder). Give either flow or file." },
};

/** The path with its symlinks resolved as far as it exists (a file to be written may not yet). */
function realPathOf(path: string): string {
  const missing: string[] = [];
  for (let at = path; ; at = dirname(at)) {
    try {
      return join(realpathSync(at), ...missing.reverse());
    } catch {
      if (dirname(at) === at) return path;
      missing.push(basename(at));
    }
  }
}

/** A path inside the served folder, or a ToolInputError saying why not. */
export function resolveInside(context: ToolContext, file: string): string {
  if (file.includes('\0')) throw new ToolInputError('the file name contains a NUL character');
  const path = resolve(context.root, file);
  // Compared with symlinks resolved: a link inside the folder to a place outside it is outside.
  const rel = relative(realPathOf(context.root), realPathOf(path));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new ToolInputError(`${file.slice(0, 200)} is outside the folder this server serves (${context.root}); give a path inside it`);
  }
  return path;
}

/** Reads `flow` or `file` from the arguments (exactly one of them). */
export async function readFlowSource(context: ToolContext, args: Record<string, unknown>): Promise<FlowSource> {
  const { flow, file } = args;
  if ((flow === undefined) === (file === undefined)) throw new ToolInputError('give either "flow" (the Flow JSON text) or "file" (a path to it), not both or neither');
  if (typeof flow === 'string') return { text: flow, name: 'flow.json' };
  const name = String(file);
  const path = resolveInside(context, name);
  try {
    return { text: await readFile(path, 'utf8'), name, path };
  } catch (error) {
    const reason = describeFileError(error);
    throw new ToolInputError(`cannot read ${name}: ${reason.message} (${reason.code})`);
  }
}
