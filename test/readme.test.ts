// The README cannot lie: every fenced block of README.md (and of docs/testing.md) is run, or
// checked for what it claims, against the package as users get it (test/packed.ts).
//
// Conventions. A block is checked by its language, unless the nearest non-blank line above its
// fence is a mark, an HTML comment invisible on GitHub: `<!-- readme: mark; mark... -->`.
//   ```ts   (no mark)  a program: type-checked and run with tsx, must exit 0.
//   ```sh   (no mark)  each command line runs with bash; it must exit 0, or N when its comment
//                      says `exit N`. A `cd DIR` line moves the block's later lines into DIR, as
//                      in the reader's terminal; every block starts in the project folder.
//   continues          a TypeScript block that goes on with the program just before it: they run
//                      as one file, as if the reader appended it to the file.
//   file PATH          saved as PATH for the blocks that use it (flow.json, steps.json,
//                      endpoint.ts), and some other block must name it; TypeScript files are
//                      type-checked, none is run by itself. Files are written before any block
//                      runs. With `server` or `skip`, it just names where the block is saved.
//   sandbox            the `waflow dev` command: started (with `--port 0`) and kept running; its
//                      URL, keys and WABA account id become the documented port 4010,
//                      D360_API_KEY, D360_PARTNER_API_KEY and D360_WABA_ACCOUNT_ID for the blocks
//                      below, and its URL becomes WAFLOW_SANDBOX_URL, which the CLI reads in place
//                      of its default (port 4010).
//   server URL         a long-running TypeScript or shell block: started, and ready once URL's port
//                      accepts connections; it runs until a later server takes the same port, or
//                      the end. `ping` sends it an encrypted data-channel ping, as WhatsApp's health
//                      check does. `with bun` / `with deno` run it on that runtime, and `with
//                      workerd` bundles it as wrangler does and serves it in workerd with
//                      keys/private.pem as the PRIVATE_KEY secret, as the prose before the block
//                      tells the reader to (`npx wrangler dev worker.ts`).
//   background         a shell block of one command the reader leaves running in another terminal
//                      (`waflow send --wait`, answered by a later block): started, not waited
//                      for. After the last block, it must exit 0 (within a time limit) having
//                      printed its `prints`.
//   prints "TEXT"      the block's output (a server's or a background command's, by the end)
//                      contains TEXT.
//   skip REASON        not run, for the reason given (the rest of the comment, so it comes last).
//                      Its claims are still checked: TypeScript is type-checked, `npm` scripts
//                      and packages exist in package.json, `waflow` commands and options exist in
//                      the CLI's --help, files named exist, JSON scripts parse as `waflow run`
//                      scripts; an html page's package files exist and its imports are exported
//                      subpaths; a text transcript calls only tools `waflow mcp` lists.
// Beyond the blocks: links, repository paths in `code`, `waflow/...` subpaths, the phone routes
// table (each documented body is sent to the sandbox) and the two commands are checked too.
// Any other block (```json or ```text without a mark), a mark that is not attached to a block,
// and a placeholder (`...` standing for code, `…`) fail the test.
//
// Where the code runs. A folder of the packed project's `full` install (waflow plus the optional
// peers, @types/node and the frameworks), with `node_modules/.bin` holding `waflow` and the
// repository's `tsx`, as the README's install line gives a reader. The booking example
// (examples/booking/) is copied beside it with its `../../src/...` imports pointing at the
// package. Values a reader supplies come from the README's own steps (keys/, the sandbox's API key)
// or from the environment (KEY_PASSPHRASE). The documented ports (4010 sandbox, 3000 and 3001 your
// servers) become free ports: only where code names a port (see withPorts). TypeScript is checked
// as written (strict, skipLibCheck off, NodeNext, with the DOM lib Hono's types need); Bun and
// Deno globals come from a small declaration file, since their types are not installed. Output is
// kept and shown only when something fails; every process is stopped (its whole group) at the end.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../src/api/contract/index.js';
import { operationTable } from '../src/api/contract/table.js';
import { decryptResponse, encryptRequest, loadPublicKey } from '../src/data-channel/index.js';
import { TOOLS } from '../src/mcp/index.js';
import type { DataChannelRequest } from '../src/data-channel/index.js';
import { parseScript } from '../src/testing/index.js';
import { REPO, packedProject } from './packed.js';
import { bundleWorker, writeWorkerdConfig } from './runtimes/workerd.js';
import type { PackedProject } from './packed.js';
import {
  RUNTIME_COMMANDS,
  cdTarget,
  commandLines,
  headingSlug,
  localLinks,
  parseBlocks,
  planBlocks,
  subpathsNamed,
  withPorts,
} from './readme-blocks.js';
import type { Block, Runtime, Step } from './readme-blocks.js';

const SOURCES = ['README.md', 'docs/testing.md'];
const documents = SOURCES.map((source) => ({ source, text: readFileSync(join(REPO, source), 'utf8') }));
const parsed = documents.map((d) => parseBlocks(d.text, d.source));
const plan = planBlocks(parsed.flatMap((p) => p.blocks));
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  name: string;
  scripts: Record<string, string>;
  exports: Record<string, unknown>;
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const EXPORTED = new Set(Object.keys(pkg.exports).map((key) => (key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`)));

const bin = (name: string): string => join(REPO, 'node_modules', '.bin', name);
/** The repository's own binaries, for what the documents run with `npx tsx`, `bun` and `deno run ...`. */
const RUNNERS: Readonly<Record<Exclude<Runtime, 'workerd'>, string[]>> = {
  tsx: [bin('tsx')],
  bun: [bin('bun')],
  deno: [bin('deno'), ...RUNTIME_COMMANDS.deno.split(' ').slice(1)],
};

/** The file a block is saved as in the project. */
function fileOf(block: Block): string {
  return block.marks.file ?? `${block.source.replace(/\W+/g, '-').replace(/-md$/, '')}-L${block.line}.ts`;
}
const where = (block: Block): string => `${block.source}:${block.line}`;

describe('the block rules', () => {
  const rules = (markdown: string) => {
    const doc = parseBlocks(markdown, 'doc.md');
    return [...doc.problems, ...planBlocks(doc.blocks).problems];
  };

  it('refuse a block they would not run and no mark explains', () => {
    expect(rules('```json\n{}\n```\n')).toEqual([expect.stringContaining('doc.md:1: a ```json block the test does not run')]);
    expect(rules('<!-- readme: file a.json -->\n```json\n{}\n```\n')).toEqual([]);
    expect(rules('<!-- readme: skip -->\n```sh\nnpm test\n```\n')).toEqual([expect.stringContaining('"skip" needs a reason')]);
    expect(rules('<!-- readme: skipp it -->\n```sh\nnpm test\n```\n')).toEqual([expect.stringContaining('unknown mark "skipp"')]);
    expect(rules('<!-- readme: skip why -->\n\ntext\n\n```sh\nnpm test\n```\n')).toEqual([expect.stringContaining('a readme mark that no code block follows')]);
    expect(parseBlocks('<!-- readme: file a.ts; skip no runtime here; see b/ -->\n```ts\nexport {};\n```\n', 'doc.md').blocks[0]?.marks).toMatchObject({ file: 'a.ts', skip: 'no runtime here; see b/' });
  });

  it('refuse placeholders in code, not in comments or spreads', () => {
    expect(rules("```ts\nsend({ to: '1', ... });\n```\n")).toEqual([expect.stringContaining('"..." in the code')]);
    expect(rules('```ts\nconst a = { ...b };  // and so on...\n```\n')).toEqual([]);
    expect(rules('```sh\nnpx waflow validate …\n```\n')).toEqual([expect.stringContaining('"…" in the code')]);
  });

  it('read the expected exit status of a command from its comment', () => {
    expect(commandLines('npx waflow validate bad.json   # exit 1: invalid\nnpx waflow run a.json \\\n  --script b.json  # ok\n', 10)).toEqual([
      { line: 10, command: 'npx waflow validate bad.json', comment: 'exit 1: invalid', expectedExit: 1 },
      { line: 11, command: 'npx waflow run a.json --script b.json', comment: 'ok', expectedExit: 0 },
    ]);
  });

  it('run a background command by itself and check it at the end', () => {
    const doc = parseBlocks('<!-- readme: background; prints "Completed by" -->\n```sh\nnpx waflow send --to 1234567 --flow F --wait\n```\n', 'doc.md');
    expect(doc.blocks[0]?.marks).toMatchObject({ background: true, prints: ['Completed by'] });
    expect(planBlocks(doc.blocks)).toEqual({ steps: [{ kind: 'background', block: doc.blocks[0] }], problems: [] });
    expect(rules('<!-- readme: background -->\n```sh\nnpx waflow send\nnpx waflow logs\n```\n')).toEqual([expect.stringContaining('"background" marks a shell block with one command')]);
    expect(rules('<!-- readme: background -->\n```ts\nawait fetch("x");\n```\n')).toEqual([expect.stringContaining('"background" marks a shell block with one command')]);
    expect(rules('<!-- readme: background now -->\n```sh\nnpx waflow logs\n```\n')).toEqual([expect.stringContaining('"background" takes no argument')]);
    for (const other of ['sandbox', 'server http://127.0.0.1:3000/', 'skip not here']) {
      expect(rules(`<!-- readme: background; ${other} -->\n\`\`\`sh\nnpx waflow logs\n\`\`\`\n`), other).toContainEqual(expect.stringContaining('exclude each other'));
    }
    expect(rules('```ts\nconsole.log(1);\n```\n\n<!-- readme: continues; background -->\n```sh\nnpx waflow logs\n```\n')).toContainEqual(expect.stringContaining('exclude each other'));
    expect(rules('<!-- readme: background; file run.sh -->\n```sh\nnpx waflow logs\n```\n')).toEqual([expect.stringContaining('"background" runs a command; it is not a file')]);
  });

  it('follow a cd into a folder of the project, and no further', () => {
    expect(commandLines('npx waflow init app\ncd app\nnpx waflow deploy').map((c) => cdTarget(c.command))).toEqual([undefined, 'app', undefined]);
    expect(cdTarget('cd app && npx waflow deploy')).toBeUndefined();
    expect(rules('```sh\ncd feedback-app\nnpx waflow deploy\n```\n')).toEqual([]);
    expect(rules('```sh\ncd /tmp\nls\n```\n')).toEqual([expect.stringContaining('doc.md:2: "cd" takes a folder inside the project')]);
    expect(rules('```sh\ncd ../elsewhere\nls\n```\n')).toEqual([expect.stringContaining('"cd" takes a folder inside the project')]);
  });

  it('map only the ports code names', () => {
    const ports = new Map([[4010, 5555], [3000, 6666]]);
    expect(withPorts("fetch('http://127.0.0.1:4010/x'); app.listen(3000); serve({ port: 3000 }); const n = 3000;", ports)).toBe(
      "fetch('http://127.0.0.1:5555/x'); app.listen(6666); serve({ port: 6666 }); const n = 3000;",
    );
  });

  it('know how to check every block of the documents', () => {
    expect([...parsed.flatMap((p) => p.problems), ...plan.problems]).toEqual([]);
  });
});

describe('what the documents claim', () => {
  it('links to files and headings that exist', () => {
    const missing: string[] = [];
    for (const { source, text } of documents) {
      const slugs = new Set([...text.matchAll(/^#+\s+(.*)$/gm)].map((m) => headingSlug(m[1] ?? '')));
      for (const { line, target } of localLinks(text)) {
        const [path = '', anchor] = target.split('#');
        if (path !== '' && !existsSync(join(REPO, dirname(source), path))) missing.push(`${source}:${line}: ${target}`);
        if (path === '' && anchor !== undefined && !slugs.has(anchor)) missing.push(`${source}:${line}: ${target} (no such heading)`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('names files and folders of this repository that exist', () => {
    const named = documents.flatMap(({ source, text }) =>
      [...text.matchAll(/`((?:src|examples|docs|bench|test|ui|\.ci)\/[\w./-]*)`/g)].map((m) => ({ source, path: m[1] ?? '' })),
    );
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter(({ path }) => !existsSync(join(REPO, path))).map(({ source, path }) => `${source}: ${path}`)).toEqual([]);
  });

  it('uses every file it saves: some block reads flow.json, steps.json, endpoint.ts...', () => {
    const blocks = plan.steps.flatMap((s) => (s.kind === 'program' ? s.blocks : [s.block]));
    const unused = plan.steps
      .filter((s): s is Extract<Step, { kind: 'file' }> => s.kind === 'file')
      .map((s) => s.block)
      .filter((file) => {
        const name = (file.marks.file ?? '').split('/').pop() ?? '';
        const stem = name.replace(/\.ts$/, '.');
        return !blocks.some((other) => other !== file && other.code.includes(stem));
      });
    expect(unused.map((b) => `${where(b)}: ${b.marks.file}`)).toEqual([]);
  });

  it("shows each operation's path and auth per provider exactly as the contract declares them", () => {
    const readme = documents.find((d) => d.source === 'README.md')?.text ?? '';
    expect(readme).toContain(operationTable(operations));
  });

  it('names only subpaths the package exports', () => {
    const named = documents.flatMap(({ text }) => subpathsNamed(text));
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((subpath) => !EXPORTED.has(subpath))).toEqual([]);
  });

  it('keeps the two commands: npm start runs waflow dev, npm test runs every test', () => {
    const first = plan.steps.find((s) => s.kind === 'skip' && s.block.source === 'README.md');
    expect(first?.kind === 'skip' ? commandLines(first.block.code).map((c) => c.command) : []).toEqual(['npm install && npm start', 'npm test']);
    expect(pkg.scripts.start).toMatch(/ dev$/);
    expect(pkg.scripts.test).toContain('vitest run');
  });
});

describe('every block, run against the packed package', () => {
  let packed: PackedProject;
  let project: string;
  const ports = new Map<number, number>();
  const env: NodeJS.ProcessEnv = {};
  const children = new Set<Child>();
  /** Server by documented port. */
  const servers = new Map<number, { child: Child; block: Block }>();
  const started: { child: Child; block: Block }[] = [];
  /** Commands left running in the reader's other terminals. */
  const background: { child: Child; block: Block }[] = [];
  let cliHelp: Promise<Map<string, string>> | undefined;

  beforeAll(async () => {
    packed = await packedProject();
    project = join(packed.full, `readme-${process.pid}`);
    rmSync(project, { recursive: true, force: true });
    mkdirSync(join(project, 'node_modules', '.bin'), { recursive: true });
    writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'readme-journey', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`);
    // What `npm install waflow && npm install -D tsx` puts on the reader's npx path.
    symlinkSync(join(packed.full, 'node_modules', '.bin', 'waflow'), join(project, 'node_modules', '.bin', 'waflow'));
    symlinkSync(bin('tsx'), join(project, 'node_modules', '.bin', 'tsx'));
    copyBookingExample(join(project, 'examples', 'booking'));
    for (const step of plan.steps) {
      if (step.kind !== 'program' && step.block.marks.file !== undefined) writeProjectFile(step.block.marks.file, step.block.code);
    }
    // Environment: the reader's own values, nothing of this machine's (no DATABASE_URL: the
    // README's sandbox uses its embedded database; no APP_SECRET: its webhooks are unsigned).
    for (const [key, value] of Object.entries(process.env)) if (!/^npm_|^(APP_SECRET|PRIVATE_KEY_PASSPHRASE|DATABASE_URL|D360_API_KEY|D360_PARTNER_API_KEY|D360_WABA_ACCOUNT_ID|WAFLOW_SANDBOX_URL|INIT_CWD)$/i.test(key)) env[key] = value;
    Object.assign(env, { KEY_PASSPHRASE: 'readme-test-passphrase', npm_config_yes: 'false', npm_config_update_notifier: 'false', npm_config_fund: 'false', NO_COLOR: '1' });
    for (const documented of [3000, 3001]) ports.set(documented, await freePort());
  }, 900_000);

  afterAll(async () => {
    await Promise.all([...children].map((child) => child.stop()));
    if (project !== undefined) rmSync(project, { recursive: true, force: true });
  }, 60_000);

  function writeProjectFile(path: string, content: string): void {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), content.endsWith('\n') ? content : `${content}\n`);
  }

  function copyBookingExample(target: string): void {
    cpSync(join(REPO, 'examples', 'booking'), target, { recursive: true, filter: (src) => !/\.test\.ts$|README\.md$/.test(src) });
    for (const name of readdirSync(target).filter((n) => n.endsWith('.ts'))) {
      const file = join(target, name);
      const text = readFileSync(file, 'utf8').replace(/(['"])\.\.\/\.\.\/src\/([\w/-]+?)(?:\/index)?\.js\1/g, (_whole, quote: string, path: string) => {
        const subpath = `${pkg.name}/${path}`;
        if (!EXPORTED.has(subpath)) throw new Error(`examples/booking/${name} imports src/${path}, which the package does not export as ${subpath}`);
        return `${quote}${subpath}${quote}`;
      });
      if (text.includes('../../src/')) throw new Error(`examples/booking/${name} imports from src/ in a way this test cannot point at the package`);
      writeFileSync(file, text);
    }
  }

  function spawnChild(command: string, args: string[], label: string, dir = '.'): Child {
    const child = new Child(command, args, { cwd: join(project, dir), env }, label);
    children.add(child);
    return child;
  }

  /** A command line as the reader runs it, in `dir` (relative to the project). */
  const shell = (command: string, label: string, dir = '.'): Child => spawnChild('bash', ['-c', withPorts(command, ports)], label, dir);

  function runTs(block: Block, file: string, runtime: Exclude<Runtime, 'workerd'> = 'tsx'): Child {
    const [command = '', ...args] = RUNNERS[runtime];
    return spawnChild(command, [...args, file], `${where(block)} (${runtime} ${file})`);
  }

  /** The program as it runs: its blocks joined, with the test's ports. */
  function writeRunnable(blocks: readonly Block[]): string {
    const first = blocks[0] as Block;
    const file = fileOf(first).replace(/\.ts$/, '.run.ts');
    writeProjectFile(file, withPorts(blocks.map((b) => b.code).join('\n'), ports));
    return file;
  }

  function expectPrints(blocks: readonly Block[], output: string): void {
    for (const text of blocks.flatMap((b) => b.marks.prints)) expect(output, `${where(blocks[0] as Block)} prints "${text}"`).toContain(text);
  }

  async function helpOf(command: string): Promise<string> {
    cliHelp ??= (async () => {
      const help = new Map<string, string>();
      const top = await spawnChild(join(project, 'node_modules', '.bin', 'waflow'), ['--help'], 'waflow --help').exited(60_000);
      help.set('', top.output);
      for (const name of [...top.output.matchAll(/^ {2}([a-z]+) {2,}/gm)].map((m) => m[1] ?? '')) {
        help.set(name, (await spawnChild(join(project, 'node_modules', '.bin', 'waflow'), [name, '--help'], `waflow ${name} --help`).exited(60_000)).output);
      }
      return help;
    })();
    const all = await cliHelp;
    const text = all.get(command);
    if (text === undefined) throw new Error(`waflow has no command "${command}" (waflow --help lists ${[...all.keys()].filter(Boolean).join(', ')})`);
    return text;
  }

  /** What a skipped block claims, checked without running it. */
  async function checkSkipped(block: Block): Promise<void> {
    if (block.lang === 'ts') return; // type-checked with the others
    if (block.lang === 'json') {
      const value = JSON.parse(block.code) as unknown;
      if (Array.isArray(value)) {
        const script = parseScript(value);
        expect(script.ok ? '' : script.message, `${where(block)} is a waflow run script`).toBe('');
      }
      return;
    }
    if (block.lang === 'html') {
      // A page: the package files it loads exist in the installed package, and it imports only
      // subpaths the package exports.
      const files = [...block.code.matchAll(/\/node_modules\/waflow\/([\w./-]+)/g)].map((m) => m[1] ?? '');
      expect(files.length, `${where(block)} loads the package from node_modules`).toBeGreaterThan(0);
      for (const file of files) expect(existsSync(join(packed.full, 'node_modules', 'waflow', file)), `${where(block)}: node_modules/waflow/${file}`).toBe(true);
      for (const [, subpath] of block.code.matchAll(/import\s[^'"]*['"](waflow[^'"]*)['"]/g)) expect(EXPORTED.has(subpath ?? ''), `${where(block)} imports ${subpath}`).toBe(true);
      return;
    }
    if (block.lang === 'text') {
      // An MCP transcript: each tool it calls is one the server lists.
      const called = [...block.code.matchAll(/^→ tools\/call (\w+)/gm)].map((m) => m[1] ?? '');
      expect(called.length, `${where(block)} is a transcript of tool calls`).toBeGreaterThan(0);
      const listed = new Set(TOOLS.map((tool) => tool.name));
      for (const name of called) expect(listed.has(name), `${where(block)} calls ${name}`).toBe(true);
      return;
    }
    expect(block.lang, `${where(block)}: a skipped block of a language the test has no check for`).toBe('sh');
    const installable = new Set([pkg.name, ...Object.keys(pkg.peerDependencies), ...Object.keys(pkg.devDependencies)]);
    for (const { line, command } of commandLines(block.code, block.line + 1)) {
      for (const part of command.split(/&&|;/).map((p) => p.trim())) {
        const words = part.split(/\s+/);
        const at = `${block.source}:${line}: ${part}`;
        const [tool, sub, ...rest] = words;
        if (tool === 'npm' && (sub === 'install' || sub === 'i')) {
          for (const name of rest.filter((w) => !w.startsWith('-'))) expect(installable.has(name.replace(/(?<=.)@.*$/, '')), `${at}: ${name} is the package, a peer or a dev dependency`).toBe(true);
        } else if (tool === 'npm' && (sub === 'start' || sub === 'test')) {
          expect(pkg.scripts[sub], `${at}: package.json has the script`).toBeDefined();
        } else if (tool === 'npm' && sub === 'run') {
          expect(pkg.scripts[rest[0] ?? ''], `${at}: package.json has the script`).toBeDefined();
        } else if (tool === 'npm' && (sub === 'init' || sub === 'pkg')) {
          // npm's own commands: nothing of ours to check.
        } else if (tool === 'waflow' || (tool === 'npx' && sub === 'waflow')) {
          const args = tool === 'npx' ? rest : [sub ?? '', ...rest];
          const help = await helpOf(args[0] ?? '');
          for (const option of args.filter((a) => a.startsWith('--'))) expect(help, `${at}: waflow ${args[0]} has ${option}`).toContain(option.replace(/=.*$/, ''));
        } else if (tool === 'npx' && sub === 'tsx') {
          expect(existsSync(join(REPO, rest[0] ?? '')), `${at}: the file exists`).toBe(true);
        } else {
          throw new Error(`${at}: a skipped command this test has no check for; run it, or teach checkSkipped what it claims`);
        }
      }
    }
  }

  it('type-checks every TypeScript block against the packed package', async () => {
    const files: string[] = [];
    const origin = new Map<string, Block[]>();
    for (const step of plan.steps) {
      const blocks = step.kind === 'program' ? step.blocks : [step.block];
      const first = blocks[0] as Block;
      if (first.lang !== 'ts') continue;
      const file = fileOf(first);
      if (first.marks.file === undefined) writeProjectFile(file, blocks.map((b) => b.code).join('\n'));
      files.push(file);
      origin.set(file, blocks);
    }
    expect(files.length).toBeGreaterThan(10);
    // Bun's and Deno's globals, as much of them as the README uses (their types are not installed).
    writeProjectFile(
      'runtimes.d.ts',
      `declare const Bun: {
  file(path: string): { text(): Promise<string> };
  env: Record<string, string | undefined>;
  serve(options: { port?: number; hostname?: string; fetch(request: Request): Response | Promise<Response> }): unknown;
};
declare const Deno: {
  readTextFile(path: string): Promise<string>;
  env: { get(name: string): string | undefined };
  serve(options: { port?: number; hostname?: string }, handler: (request: Request) => Response | Promise<Response>): unknown;
};
`,
    );
    const compilerOptions = {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      // DOM: Hono's declarations (checked too, skipLibCheck is off) name browser types.
      lib: ['ES2023', 'DOM'],
      types: ['node'],
      strict: true,
      skipLibCheck: false,
      noEmit: true,
      allowImportingTsExtensions: true, // Deno imports './endpoint.ts'
    };
    writeProjectFile('tsconfig.json', JSON.stringify({ compilerOptions, files: ['runtimes.d.ts', ...files] }, null, 2));
    const tsc = await spawnChild(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], 'tsc').exited(300_000);
    // Point each error at the document line it comes from.
    const errors = tsc.output
      .split('\n')
      .filter((l) => l.includes('error TS'))
      .map((l) => {
        const m = /^(.+?)\((\d+),(\d+)\): (.*)$/.exec(l.trim());
        const blocks = m === null ? undefined : origin.get(m[1] ?? '');
        if (m === null || blocks === undefined) return l.trim();
        let line = Number(m[2]);
        for (const block of blocks) {
          const length = block.code.split('\n').length;
          if (line <= length) return `${block.source}:${block.line + line}:${m[3]} ${m[4]}`;
          line -= length;
        }
        return l.trim();
      });
    expect(errors).toEqual([]);
    expect(tsc.code, tsc.output).toBe(0);
  }, 400_000);

  for (const step of plan.steps) {
    const block = step.kind === 'program' ? (step.blocks[0] as Block) : step.block;
    const title = `${where(block)} ${step.kind}: ${block.code.split('\n').find((l) => l.trim() !== '' && !l.startsWith('import'))?.trim().slice(0, 60) ?? ''}`;
    it(title, () => runStep(step), 300_000);
  }

  async function runStep(step: Step): Promise<void> {
    switch (step.kind) {
      case 'file':
        return; // written before anything ran; TypeScript ones are type-checked
      case 'skip':
        return checkSkipped(step.block);
      case 'sandbox':
        return startSandbox(step.block);
      case 'commands': {
        let output = '';
        let dir = '.';
        for (const { line, command, expectedExit } of commandLines(step.block.code, step.block.line + 1)) {
          const cd = cdTarget(command);
          if (cd !== undefined) {
            dir = join(dir, cd);
            expect(existsSync(join(project, dir)), `${step.block.source}:${line}: ${command}: no such folder`).toBe(true);
            continue;
          }
          const result = await shell(command, `${step.block.source}:${line}`, dir).exited(180_000);
          output += result.output;
          expect(result.code, `${step.block.source}:${line}: ${command}\n${result.output}${backgroundFailures()}`).toBe(expectedExit);
        }
        expectPrints([step.block], output);
        return;
      }
      case 'background': {
        const [{ command } = { command: '' }] = commandLines(step.block.code);
        background.push({ child: shell(command, `${where(step.block)} ${command}`), block: step.block });
        return;
      }
      case 'program': {
        const result = await runTs(step.blocks[0] as Block, writeRunnable(step.blocks)).exited(180_000);
        expect(result.code, `${where(step.blocks[0] as Block)} exited with ${result.code}:\n${result.output}${backgroundFailures()}`).toBe(0);
        expectPrints(step.blocks, result.output);
        return;
      }
      case 'server':
        return startServer(step.block);
    }
  }

  async function startSandbox(block: Block): Promise<void> {
    const [{ command } = { command: '' }] = commandLines(block.code);
    expect(command).not.toContain('--port');
    const child = shell(`${command} --port 0`, `${where(block)} ${command}`);
    const output = await child.waitFor((text) => /listening on http:\/\/\S+[\s\S]*Press Ctrl\+C to stop\./.test(text), 180_000);
    const url = /listening on (http:\/\/\S+)/.exec(output)?.[1] ?? '';
    ports.set(4010, Number(new URL(url).port));
    // What the README tells the reader to copy from the sandbox's first start.
    env.D360_API_KEY = /^\s*API key:\s+(\S+)/m.exec(output)?.[1];
    env.D360_PARTNER_API_KEY = /^\s*partner API key:\s+(\S+)/m.exec(output)?.[1];
    env.D360_WABA_ACCOUNT_ID = /WABA account id:\s+(\S+)/.exec(output)?.[1];
    env.WAFLOW_SANDBOX_URL = url;
    expect(env.D360_API_KEY).toMatch(/^sbx_/);
    expect(env.D360_PARTNER_API_KEY).toMatch(/^sbxp_/);
    expect(env.D360_WABA_ACCOUNT_ID).toMatch(/^sbx/);
  }

  async function startServer(block: Block): Promise<void> {
    const url = block.marks.server as URL;
    const documented = Number(url.port);
    const previous = servers.get(documented);
    if (previous !== undefined) await previous.child.stop();
    let port = ports.get(documented);
    if (port === undefined) {
      port = await freePort();
      ports.set(documented, port);
    }
    const child =
      block.lang === 'sh'
        ? shell(commandLines(block.code)[0]?.command ?? '', where(block))
        : block.marks.runtime === 'workerd'
          ? await serveInWorkerd(block, port)
          : runTs(block, writeRunnable([block]), block.marks.runtime);
    servers.set(documented, { child, block });
    started.push({ child, block });
    await child.listening(port, 180_000);
    if (block.marks.ping === true) {
      const target = new URL(url.pathname, `http://127.0.0.1:${port}`).href;
      expect(await ping(target, readFileSync(join(project, 'keys', 'public.pem'), 'utf8')), `${where(block)}: ${target}\n${child.output}`).toEqual({ data: { status: 'active' } });
    }
  }

  /** What `wrangler dev` does: bundle the Worker from the installed package, serve it in workerd. */
  async function serveInWorkerd(block: Block, port: number): Promise<Child> {
    const dir = join(project, '.workerd', `L${block.line}`);
    mkdirSync(dir, { recursive: true });
    const bundle = await bundleWorker(join(project, writeRunnable([block])), project, dir);
    expect(bundle.nodeImports, `${where(block)}: a Worker bundle without nodejs_compat`).toEqual([]);
    const config = writeWorkerdConfig(dir, { PRIVATE_KEY: readFileSync(join(project, 'keys', 'private.pem'), 'utf8') });
    writeFileSync(config, readFileSync(config, 'utf8').replace('address = "127.0.0.1:0"', `address = "127.0.0.1:${port}"`));
    return spawnChild(bin('workerd'), ['serve', config], `${where(block)} (workerd)`);
  }

  /** A background command that already failed explains a block that waited on it in vain. */
  function backgroundFailures(): string {
    return background
      .filter(({ child }) => child.code !== undefined && child.code !== 0)
      .map(({ child, block }) => `\n\n${where(block)} (background) exited with ${child.code}:\n${child.output}`)
      .join('');
  }

  it('background commands exited 0 and printed what the documents say', async () => {
    for (const { child, block } of background) {
      const result = await child.exited(150_000);
      expect(result.code, `${where(block)} (background) exited with ${result.code}:\n${result.output}`).toBe(0);
      expectPrints([block], result.output);
    }
  }, 400_000);

  it('documents phone routes and request bodies the sandbox accepts', async () => {
    const readme = documents[0]?.text ?? '';
    const rows = [...readme.matchAll(/^\| `(GET|POST) (\/_sandbox\/[^`]+)` \| (?:`(\{.*?\})`)? *\|/gm)];
    expect(rows.length).toBeGreaterThanOrEqual(10);
    const base = `http://127.0.0.1:${ports.get(4010) ?? 0}`;
    const refused: string[] = [];
    for (const [row, method = '', path = '', body] of rows) {
      const url = base + path.replace(':waId', '4915112345678').replace(':messageId', 'wamid.none').replace(':id', 'ps_none');
      const abort = new AbortController();
      const response = await fetch(url, { method, signal: abort.signal, ...(method === 'POST' ? { body: body ?? '{}' } : {}) });
      const text = response.headers.get('content-type')?.includes('event-stream') ? '' : await response.text();
      abort.abort();
      // Accepted: answered, or the documented body passed and only the made-up session or message is missing.
      const missingOnly = response.status === 404 && text.includes('"NOT_FOUND"');
      if (!(response.ok || missingOnly)) refused.push(`${row}\n  → ${response.status} ${text.slice(0, 300)}`);
    }
    expect(refused).toEqual([]);
  }, 60_000);

  it('servers printed what the documents say they print', async () => {
    for (const { child, block } of started) {
      for (const text of block.marks.prints) await child.waitFor((output) => output.includes(text), 60_000).catch(() => expect(child.output, `${where(block)} prints "${text}"`).toContain(text));
    }
  }, 120_000);
});

async function ping(url: string, publicKeyPem: string): Promise<unknown> {
  const request: DataChannelRequest = { version: '3.0', action: 'ping' };
  const { envelope, aesKey, iv } = await encryptRequest(request, await loadPublicKey(publicKeyPem));
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(envelope) });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`ping ${url}: HTTP ${response.status} ${text}`);
  return decryptResponse(text, aesKey, iv);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A child process in a group of its own (npx and bash start grandchildren), output captured. */
class Child {
  output = '';
  code: number | null | undefined;
  private readonly process: ChildProcess;
  private readonly events = new EventEmitter();

  constructor(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }, readonly label: string) {
    this.process = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const take = (chunk: Buffer): void => {
      this.output += chunk.toString();
      this.events.emit('change');
    };
    this.process.stdout?.on('data', take);
    this.process.stderr?.on('data', take);
    this.process.once('error', (error) => {
      this.output += `\n[spawn failed: ${error.message}]`;
      this.code ??= -1;
      this.events.emit('change');
    });
    this.process.once('close', (code, signal) => {
      this.code = code ?? (signal === null ? -1 : -2);
      this.events.emit('change');
    });
  }

  /** Resolves when `ready(output)` holds; rejects when the process ends first or time runs out. */
  waitFor(ready: (output: string) => boolean, ms: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (ready(this.output)) done(() => resolve(this.output));
        else if (this.code !== undefined) done(() => reject(new Error(`${this.label} ended (${this.code}) before it was ready:\n${this.output}`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`${this.label}: not ready after ${ms} ms:\n${this.output}`))), ms);
      const done = (then: () => void): void => {
        clearTimeout(timer);
        this.events.off('change', check);
        then();
      };
      this.events.on('change', check);
      check();
    });
  }

  /** Resolves with the exit code and output; kills the group when time runs out. */
  async exited(ms: number): Promise<{ code: number; output: string }> {
    try {
      await this.waitFor(() => this.code !== undefined, ms);
    } catch (error) {
      if (this.code === undefined) {
        await this.stop();
        throw error;
      }
    }
    return { code: this.code ?? -1, output: this.output };
  }

  /** Resolves once `port` accepts connections (tried again after each refusal); rejects if the process ends. */
  async listening(port: number, ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    for (;;) {
      if (this.code !== undefined) throw new Error(`${this.label} ended (${this.code}) before listening on ${port}:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`${this.label}: nothing listens on ${port} after ${ms} ms:\n${this.output}`);
      const open = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: '127.0.0.1', port });
        socket.once('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      });
      if (open) return;
      // Refused: knock again shortly (an exit in between is seen at the top of the loop).
      await new Promise<void>((resolve) => setTimeout(resolve, 200));
    }
  }

  /** SIGTERM to the whole group (npx, bash and tsx start grandchildren), SIGKILL if it lingers. */
  async stop(): Promise<void> {
    const pid = this.process.pid;
    // A finished group is left alone: its id may belong to someone else by now.
    if (pid === undefined || this.code !== undefined) return;
    const signal = (name: NodeJS.Signals): void => {
      try {
        process.kill(-pid, name);
      } catch {
        // the group is gone
      }
    };
    signal('SIGTERM');
    try {
      await this.waitFor(() => this.code !== undefined, 10_000);
    } catch {
      signal('SIGKILL');
      await this.waitFor(() => this.code !== undefined, 5_000).catch(() => undefined);
    }
  }
}
