import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseCommandArgs, settleArgs } from '../args.js';
import type { Command } from '../command.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../command.js';
import { describeFileError } from '../format/file-error.js';
import type { RenderOptions } from '../../render/render.js';

const USAGE = 'waflow render <flow.json> [--screen ID ...|--all] [--data JSON] [--out DIR] [--width 360] [--no-sheet] [--chromium PATH]';

const HELP = `usage: ${USAGE}

Draws each screen of a flow as the phone shows it (the browser app's phone, in headless Chromium)
and writes <out>/<screen-id>.png per screen, plus <out>/contact-sheet.png: every screen laid out by
routing layer with the navigate and routing_model arrows.

options:
  --screen ID      render this screen (repeat for more); default: every screen
  --all            render every screen (the default)
  --data JSON      screen data, over each screen's __example__ values (a JSON object)
  --out DIR        where the PNGs go (default ./render; made when missing)
  --width PX       the phone's width in CSS pixels, 240 to 1200 (default 360)
  --no-sheet       skip the contact sheet
  --chromium PATH  the Chromium or Chrome binary (default: $WAFLOW_CHROMIUM, /usr/bin/chromium,
                   /usr/bin/chromium-browser, /usr/bin/google-chrome, Playwright's own)

needs playwright-core (npm i -D playwright-core) and a Chromium (apt-get install chromium, or
npx playwright install chromium).

exit status: 0 written, 1 rendering failed (Chromium missing or failing), 2 usage error (bad
arguments, unreadable or invalid flow, unknown screen)
`;

interface RenderArgs {
  readonly flow: string;
  readonly screens?: string[];
  readonly data?: string;
  readonly out: string;
  readonly width?: number;
  readonly sheet: boolean;
  readonly chromium?: string;
}

/** Parses argv; returns a message for a usage error, or 'help'. */
export function parseRenderArgs(argv: readonly string[]): RenderArgs | 'help' | string {
  const parsed = parseCommandArgs(argv, {
    screen: { type: 'string', multiple: true },
    all: { type: 'boolean' },
    data: { type: 'string' },
    out: { type: 'string' },
    width: { type: 'string' },
    'no-sheet': { type: 'boolean' },
    chromium: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if ('error' in parsed) return parsed.error;
  const v = parsed.values;
  if (v.help === true) return 'help';
  if (parsed.positionals.length === 0) return 'no flow file given';
  if (parsed.positionals.length > 1) return `one flow file at a time; got ${parsed.positionals.length}`;
  if (v.all === true && v.screen !== undefined) return '--screen and --all cannot be used together';
  if (v.screen?.some((id) => id === '')) return '--screen needs a screen id';
  if (v.out === '') return '--out needs a folder';
  if (v.chromium === '') return '--chromium needs a path';
  let width: number | undefined;
  if (v.width !== undefined) {
    width = Number(v.width);
    if (!/^\d+$/.test(v.width)) return `--width must be a whole number of pixels, got "${v.width}"`;
  }
  return {
    flow: parsed.positionals[0] as string,
    out: v.out ?? 'render',
    sheet: v['no-sheet'] !== true,
    ...(v.screen === undefined ? {} : { screens: v.screen }),
    ...(v.data === undefined ? {} : { data: v.data }),
    ...(width === undefined ? {} : { width }),
    ...(v.chromium === undefined ? {} : { chromium: v.chromium }),
  };
}

/** A screen id as a file name: ids are letters, digits and underscores, anything else becomes "_". */
function fileNameOf(id: string): string {
  return `${id.replace(/[^\w.-]/g, '_').replace(/^\.+/, '_')}.png`;
}

export const renderCommand: Command = {
  name: 'render',
  usage: USAGE,
  async run(argv, io) {
    const args = settleArgs(parseRenderArgs(argv), io, { name: 'render', usage: USAGE, help: HELP });
    if (typeof args === 'number') return args;
    let text: string;
    try {
      text = await readFile(resolve(io.cwd, args.flow), 'utf8');
    } catch (err) {
      const reason = describeFileError(err);
      io.stderr(`waflow render: cannot read flow ${args.flow}: ${reason.message} (${reason.code})\n`);
      return EXIT_USAGE;
    }
    // Loaded only now: the renderer pulls in the runtime and, when it runs, playwright-core.
    const { RenderInputError, parseJsonInput, renderFlow } = await import('../../render/render.js');
    let result;
    try {
      const options: RenderOptions = { flow: text, screens: args.screens ?? 'all', sheet: args.sheet };
      if (args.data !== undefined) {
        const data = parseJsonInput(args.data, '--data');
        if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new RenderInputError('--data must be a JSON object');
        options.data = data as Record<string, unknown>;
      }
      if (args.width !== undefined) options.width = args.width;
      if (args.chromium !== undefined) options.chromiumPath = resolve(io.cwd, args.chromium);
      result = await renderFlow(options);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof RenderInputError) {
        io.stderr(`waflow render: ${args.flow}: ${message}\n`);
        return EXIT_USAGE;
      }
      // ChromiumMissingError says how to install; anything else is a render that failed.
      io.stderr(`waflow render: ${message}\n`);
      return EXIT_FAILED;
    }
    const out = resolve(io.cwd, args.out);
    try {
      await mkdir(out, { recursive: true });
      const written: string[] = [];
      for (const screen of result.screens) {
        const file = join(out, fileNameOf(screen.id));
        await writeFile(file, screen.png);
        written.push(`${relative(io.cwd, file) || file}  ${screen.id}${screen.title === undefined ? '' : ` — ${screen.title}`}`);
      }
      if (result.sheet !== undefined) {
        const file = join(out, 'contact-sheet.png');
        await writeFile(file, result.sheet);
        written.push(`${relative(io.cwd, file) || file}  contact sheet`);
      }
      io.stdout(`${written.map((line) => `wrote ${line}`).join('\n')}\n`);
    } catch (err) {
      const reason = describeFileError(err);
      io.stderr(`waflow render: cannot write to ${args.out}: ${reason.message} (${reason.code})\n`);
      return EXIT_FAILED;
    }
    return EXIT_OK;
  },
};
