// `waflow init [dir]`: a starter project that deploys at once to `waflow dev`. It never overwrites
// a file: when any of its files exists, it writes nothing and says which.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import type { Command } from '../command.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../command.js';
import { describeFileError } from '../format/file-error.js';
import { CONFIG_FILES } from '../../project/config.js';
import { STARTER_FILES } from '../templates/starter.js';

const USAGE = 'waflow init [dir]';

const HELP = `usage: ${USAGE}

Writes a starter project into dir (default: the current folder), ready for \`waflow dev\`:
${STARTER_FILES.map((f) => `  ${f.path.padEnd(22)} ${f.about}`).join('\n')}

Existing files are never overwritten: if any of these exists, nothing is written.
The config's "sandbox" environment reads the sandbox URL from WAFLOW_SANDBOX_URL (default
http://127.0.0.1:4010), the keys from D360_API_KEY and D360_PARTNER_API_KEY and the WABA account
id from D360_WABA_ACCOUNT_ID: the values \`waflow dev\` prints.
`;

function nextSteps(dir: string, cwd: string): string {
  const rel = relative(cwd, dir);
  const cd = rel === '' ? '' : `  cd ${rel.includes(' ') ? JSON.stringify(rel) : rel}\n`;
  return `
Next:
${cd}  npm install -D waflow tsx @electric-sql/pglite hono @hono/node-server
  npx waflow dev                      # another terminal: the sandbox prints its keys and ids once
  export D360_API_KEY=... D360_PARTNER_API_KEY=... D360_WABA_ACCOUNT_ID=...
  npx waflow deploy --dry-run         # the plan, nothing changed
  npx waflow deploy --publish         # create, upload and publish the flow, create the template
  npx tsx --test test/feedback.test.ts
`;
}

export const initCommand: Command = {
  name: 'init',
  usage: USAGE,
  async run(argv, io) {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.stdout(HELP);
      return EXIT_OK;
    }
    const unknown = argv.find((a) => a.startsWith('-'));
    if (unknown !== undefined || argv.length > 1) {
      io.stderr(`waflow init: ${unknown !== undefined ? `unknown option ${unknown.slice(0, 40)}` : 'give at most one folder'}\nusage: ${USAGE}\n`);
      return EXIT_USAGE;
    }
    const dir = resolve(io.cwd, argv[0] ?? '.');
    const taken = [...new Set([...STARTER_FILES.map((f) => f.path), ...CONFIG_FILES])].filter((path) => existsSync(join(dir, path)));
    if (taken.length > 0) {
      io.stderr(`waflow init: ${dir} already has ${taken.join(', ')}; init never overwrites a file, so nothing was written. Move ${taken.length === 1 ? 'it' : 'them'} away, or run init in an empty folder.\n`);
      return EXIT_FAILED;
    }
    const written: string[] = [];
    for (const file of STARTER_FILES) {
      const target = join(dir, file.path);
      try {
        await mkdir(dirname(target), { recursive: true });
        // 'wx': fails if the file appeared since the check, rather than overwriting it.
        await writeFile(target, file.content, { encoding: 'utf8', flag: 'wx' });
      } catch (error) {
        const reason = describeFileError(error);
        io.stderr(`waflow init: cannot write ${file.path}: ${reason.message} (${reason.code})${written.length > 0 ? `; already written: ${written.join(', ')}` : ''}\n`);
        return EXIT_FAILED;
      }
      written.push(file.path);
    }
    const width = Math.max(...STARTER_FILES.map((f) => f.path.length));
    io.stdout(`Created a waflow project in ${dir}:\n${STARTER_FILES.map((f) => `  ${f.path.padEnd(width)}  ${f.about}`).join('\n')}\n${nextSteps(dir, io.cwd)}`);
    return EXIT_OK;
  },
};
