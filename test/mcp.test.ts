// `waflow mcp` as an MCP client starts it: the real CLI from the sources, spoken to over stdio by
// the official SDK's client. tools/list; the agent loop on the seed's feedback form (the agent
// writes it with a typo → validate → fix → validate → render → run to the completion), recorded
// into artifacts/mcp/; schema, explain and the input errors; and the platform tools against a
// `waflow dev` started for this file: deploy's dry-run plan and a draft sent to a simulated phone
// through the project's "sandbox" environment, refused for an environment the project lacks and
// in a folder with no project. Without the SDK installed, `waflow mcp` says how to install it.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport, getDefaultEnvironment } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommand } from '../src/cli/commands/deploy.js';
import { createMcpCommand } from '../src/cli/commands/mcp.js';
import { tempDir } from '../src/sandbox/phone/test-kit.js';
import { cliRunner, initProject, shellEnv, waflowDevPerFile } from './cli-kit.js';
import type { Json } from './cli-kit.js';
import { withOutput } from './runtimes/processes.js';

const ROOT = resolve(import.meta.dirname, '..');
const TSX = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const BIN = join(ROOT, 'src', 'cli', 'bin.ts');
const ARTIFACTS = join(ROOT, 'artifacts', 'mcp');
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const TOOL_NAMES = ['validate', 'fix', 'schema', 'explain', 'render', 'run', 'deploy', 'send'];

const dev = waflowDevPerFile('waflow-mcp-');
const project = join(dev.dir.path, 'shop');

type Content = { type: string; text?: string; data?: string; mimeType?: string };
interface CallResult {
  content: Content[];
  structuredContent?: Json;
  isError?: boolean;
}

/** One call as the loop's record shows it: long texts cut, images as their size. */
interface Recorded {
  tool: string;
  arguments: Json;
  answer: { isError?: true; content: string[]; structuredContent?: unknown };
}

/** The loop as a README shows it: each request, and the part of its answer a reader needs. */
function markdownOf(calls: readonly { tool: string; args: Json; result: CallResult }[]): string {
  const lines: string[] = [];
  for (const { tool, args, result } of calls) {
    lines.push(`→ tools/call ${tool} ${JSON.stringify(trim(args, 60))}`);
    const sc = result.structuredContent ?? {};
    if (tool === 'render') {
      const images = result.content.filter((c) => c.type === 'image').map((c) => `${c.mimeType ?? ''} ${Buffer.from(c.data ?? '', 'base64').length} bytes`);
      lines.push(`← ${images.length} images (${images.join(', ')})`, `  ${JSON.stringify(trim(sc, 60))}`);
    } else if (tool === 'run') {
      const steps = (sc.steps as Json[]).map((st) => `${st.step as number} ${st.action as string}${st.input === undefined ? '' : ` ${JSON.stringify(st.input)}`} → ${st.screen as string}`);
      lines.push(`← ok: ${String(sc.ok)}`, ...steps.map((st) => `  ${st}`), `  completion: ${JSON.stringify(sc.completion)}`);
    } else {
      lines.push(...(result.content[0]?.text ?? '').trimEnd().split('\n').map((l, i) => (i === 0 ? `← ${l}` : `  ${l}`)));
    }
    lines.push('');
  }
  return lines.join('\n');
}

function trim(value: unknown, max = 240): unknown {
  if (typeof value === 'string') return value.length > max ? `${value.slice(0, max)}… (${value.length} characters)` : value;
  if (Array.isArray(value)) return value.length > 6 ? [...value.slice(0, 6).map((v) => trim(v, max)), `… ${value.length - 6} more`] : value.map((v) => trim(v, max));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trim(v, max)]));
  return value;
}

interface Session {
  readonly client: Client;
  readonly calls: Recorded[];
  readonly raw: { tool: string; args: Json; result: CallResult }[];
  call(tool: string, args: Json): Promise<CallResult>;
  stderr(): string;
  close(): Promise<void>;
}

/** Starts `waflow mcp` in `cwd` and connects the SDK's client to it over stdio. */
async function connect(cwd: string, env: Record<string, string>, args: readonly string[] = []): Promise<Session> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', TSX, BIN, 'mcp', ...args],
    cwd,
    env: { ...getDefaultEnvironment(), ...env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'waflow-test', version: '1.0.0' });
  await client.connect(transport);
  const calls: Recorded[] = [];
  const raw: Session['raw'] = [];
  return {
    client,
    calls,
    raw,
    async call(tool, args) {
      const result = (await client.callTool({ name: tool, arguments: args }, { timeout: 180_000 })) as CallResult;
      raw.push({ tool, args, result });
      calls.push({
        tool,
        arguments: trim(args, 120) as Json,
        answer: {
          ...(result.isError === true ? { isError: true as const } : {}),
          content: result.content.map((c) => (c.type === 'image' ? `<image ${c.mimeType ?? ''}, ${Buffer.from(c.data ?? '', 'base64').length} bytes>` : (trim(c.text ?? '', 600) as string))),
          ...(result.structuredContent !== undefined ? { structuredContent: trim(result.structuredContent) } : {}),
        },
      });
      return result;
    },
    stderr: () => stderr,
    close: () => client.close(),
  };
}

const texts = (result: CallResult): string => result.content.filter((c) => c.type === 'text').map((c) => c.text ?? '').join('\n');

/** A call that must succeed: its structured content. */
async function ok(session: Session, tool: string, args: Json): Promise<Json> {
  const result = await session.call(tool, args);
  expect(result.isError, texts(result)).not.toBe(true);
  expect(result.structuredContent).toBeDefined();
  // The last text, what a text-only client reads, is the same result.
  expect(JSON.parse(result.content.at(-1)?.text ?? 'null')).toEqual(result.structuredContent);
  return result.structuredContent as Json;
}

async function refused(session: Session, tool: string, args: Json): Promise<string> {
  const result = await session.call(tool, args);
  expect(result.isError, JSON.stringify(result.structuredContent)).toBe(true);
  return texts(result);
}

let session: Session;
const env = (): Record<string, string> => ({ ...shellEnv(dev.creds) });

beforeAll(async () => {
  await withOutput(dev.process, async () => {
    await initProject(dev.dir.path, 'shop', shellEnv(dev.creds));
  });
  session = await connect(project, env(), ['--chromium', '/usr/bin/chromium']);
}, 120_000);

afterAll(async () => {
  await session?.close();
});

describe('waflow mcp over stdio', () => {
  it('lists the tools, each with a JSON Schema for its input and its output', async () => {
    const { tools } = await session.client.listTools();
    expect(tools.map((t) => t.name)).toEqual(TOOL_NAMES);
    for (const tool of tools) {
      expect(tool.description?.length, tool.name).toBeGreaterThan(60);
      expect(tool.inputSchema.type, tool.name).toBe('object');
      expect(tool.outputSchema?.type, tool.name).toBe('object');
    }
    const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
    expect(Object.keys(byName.validate?.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(['flow', 'file', 'version', 'style', 'rules']));
    expect(byName.explain?.inputSchema.required).toEqual(['name']);
    expect(byName.deploy?.inputSchema.required).toEqual(['env']);
    expect(byName.send?.inputSchema.required).toEqual(['env', 'to', 'flow']);
    expect(byName.validate?.annotations).toMatchObject({ readOnlyHint: true, openWorldHint: false });
    expect(byName.send?.annotations).toMatchObject({ readOnlyHint: false, openWorldHint: true });
    expect(session.client.getInstructions()).toContain('validate');
  });

  it('the agent loop: write → validate → fix → validate → render → run, on the feedback form', { timeout: 240_000 }, async () => {
    const loop = await connect(project, env(), ['--chromium', '/usr/bin/chromium']);
    try {
      // The agent writes the flow, with a typo in a component type.
      const written = readFileSync(join(ROOT, 'examples', 'feedback-form.json'), 'utf8').replace('"type": "TextArea"', '"type": "TextAria"');
      writeFileSync(join(project, 'feedback.json'), written);

      const invalid = await ok(loop, 'validate', { file: 'feedback.json' });
      expect(invalid).toMatchObject({ file: 'feedback.json', valid: false, version: '2.1', counts: { errors: 1, warnings: 2, fixable: 2 } });
      const typo = (invalid.diagnostics as Json[]).find((d) => d.severity === 'error');
      expect(typo).toMatchObject({
        code: 'INVALID_PROPERTY_VALUE',
        pointer: '/screens/0/layout/children/0/children/3/type',
        range: { start: { line: 39, column: 25 } },
        fixes: [{ title: "Change 'TextAria' to 'TextArea'", edits: [{ newText: '"TextArea"' }] }],
      });
      // 2.1 can no longer be published: moving it to the first publishable version is a safe fix too.
      expect((invalid.diagnostics as Json[]).find((d) => d.code === 'DEPRECATED_FLOW_JSON_VERSION')).toMatchObject({ code: 'DEPRECATED_FLOW_JSON_VERSION', fixes: [{ edits: [{ newText: '"5.1"' }] }] });

      const fixed = await ok(loop, 'fix', { file: 'feedback.json' });
      // What remains is a design-guidance lint, a warning with no safe fix: the footer's "Done".
      const lint = { code: 'style/cta-says-what-happens', severity: 'warning', pointer: '/screens/1/layout/children/0/children/4/label' };
      expect(fixed).toMatchObject({ file: 'feedback.json', applied: 2, written: true, valid: true, counts: { errors: 0, warnings: 1, fixable: 0 }, diagnostics: [lint] });
      const onDisk = readFileSync(join(project, 'feedback.json'), 'utf8');
      expect(onDisk).toBe(fixed.text);
      expect(onDisk).toBe(written.replace('"TextAria"', '"TextArea"').replace('"version": "2.1"', '"version": "5.1"'));

      const valid = await ok(loop, 'validate', { file: 'feedback.json' });
      expect(valid).toMatchObject({ valid: true, version: '5.1', counts: { errors: 0, warnings: 1 }, diagnostics: [lint] });

      const rendered = await loop.call('render', { file: 'feedback.json' });
      expect(rendered.isError, texts(rendered)).not.toBe(true);
      const images = rendered.content.filter((c) => c.type === 'image');
      expect(images).toHaveLength(2);
      mkdirSync(ARTIFACTS, { recursive: true });
      images.forEach((image, i) => {
        expect(image.mimeType).toBe('image/png');
        const png = Buffer.from(image.data ?? '', 'base64');
        expect([...png.subarray(0, 8)]).toEqual(PNG_MAGIC);
        writeFileSync(join(ARTIFACTS, `feedback-screen-${i + 1}.png`), png);
      });
      const screens = rendered.structuredContent?.screens as Json[];
      expect(screens.map((s) => s.id)).toEqual(['screen_feedback_one', 'screen_feedback_two']);
      expect(screens[0]?.shown.title).toBe('Feedback 1 of 2');
      expect(screens[0]?.shown.texts).toEqual(expect.arrayContaining(['Would you recommend us to a friend?', 'Yes', 'No', 'Continue']));
      expect(screens[1]?.shown.texts).toEqual(expect.arrayContaining(['Purchase experience', 'Done']));

      const steps = [
        { pick: { 'Choose one:': 'Yes' } },
        { fill: { 'Leave a comment': 'More colour options' } },
        { tap: null },
        { expect: { screen: 'screen_feedback_two' } },
        { pick: { 'Purchase experience': '5', 'Delivery and setup': '4', 'Customer service': '5' } },
        { tap: 'Done' },
      ];
      const run = await ok(loop, 'run', { file: 'feedback.json', steps });
      expect(run).toMatchObject({ ok: true, completion: { purchase_experience_rating: '5', delivery_rating: '4', customer_service_rating: '5', would_recommend: '1', how_to_do_better: 'More colour options' } });
      expect((run.steps as Json[]).map((s) => s.action)).toEqual(['start', 'pick', 'fill', 'tap', 'expect', 'pick', 'tap']);
      expect(loop.stderr()).toBe('');

      writeFileSync(join(ARTIFACTS, 'agent-loop.json'), `${JSON.stringify({ written: { file: 'feedback.json', change: '"type": "TextArea" written as "TextAria"' }, calls: loop.calls }, null, 2)}\n`);
      writeFileSync(join(ARTIFACTS, 'agent-loop.md'), markdownOf(loop.raw));
    } finally {
      await loop.close();
    }
  });

  it('a failing step is a transcript that says which step and why, not an error', async () => {
    const run = await ok(session, 'run', { flow: readFileSync(join(ROOT, 'examples', 'feedback-form.json'), 'utf8'), steps: [{ pick: { 'Choose one:': 'Maybe' } }] });
    expect(run).toMatchObject({ ok: false, failedStep: 1, completion: null });
    expect((run.steps as Json[])[1]?.error).toMatch(/Maybe/);
  });

  it('schema answers the JSON Schema of a version, or its TypeScript declarations', async () => {
    const six = await ok(session, 'schema', { version: '6.0' });
    expect(six.version).toBe('6.0');
    expect(JSON.stringify(six.schema)).toContain('"6.0"');
    expect(six.schema).toMatchObject({ $schema: expect.stringContaining('2020-12') });
    const ts = await ok(session, 'schema', { typescript: true });
    expect(ts.typescript).toMatch(/export interface FlowJson\b/);
  });

  it('explain answers a component, a property, an action, an error code, a lint and the limits', async () => {
    const input = await ok(session, 'explain', { name: 'TextInput', version: '7.3' });
    expect(input).toMatchObject({ kind: 'component', name: 'TextInput', category: 'input', inVersion: true, versions: 'Flow JSON 2.1 and later' });
    expect((input.properties as Json[]).find((p) => p.name === 'label')).toMatchObject({ required: true, dynamic: true, value: { kind: 'string', maxLength: 20 } });

    const label = await ok(session, 'explain', { name: 'TextInput.label' });
    expect(label).toMatchObject({ kind: 'property', owner: 'TextInput', property: 'label', required: true, value: { maxLength: 20 } });
    const terminal = await ok(session, 'explain', { name: 'screen', property: 'terminal' });
    expect(terminal).toMatchObject({ kind: 'property', owner: 'screen', value: { kind: 'boolean' } });

    const footer = await ok(session, 'explain', { name: 'Footer', version: '7.3' });
    expect(footer.limits).toMatchObject({ maxPerScreen: 1 });

    const code = await ok(session, 'explain', { name: 'INVALID_ROUTING_MODEL' });
    expect(code).toMatchObject({ kind: 'code', family: 'platform', mayHaveSafeFix: true, reportedBy: [{ rule: 'routing-model' }] });
    const version = await ok(session, 'explain', { name: 'DEPRECATED_FLOW_JSON_VERSION' });
    expect(version).toMatchObject({ kind: 'code', reportedBy: [{ rule: 'version' }] });
    const lint = await ok(session, 'explain', { name: 'style/sentence-case' });
    expect(lint).toMatchObject({ kind: 'code', family: 'style', mayHaveSafeFix: false });

    const navigate = await ok(session, 'explain', { name: 'navigate' });
    expect(navigate).toMatchObject({ kind: 'action', name: 'navigate' });
    expect(await ok(session, 'explain', { name: 'limits' })).toMatchObject({ kind: 'limits', limits: { maxComponentsPerScreen: 50, maxScreens: 100 } });

    expect(await refused(session, 'explain', { name: 'TextImput' })).toContain('did you mean "TextInput"');
    expect(await refused(session, 'explain', { name: 'TextInput.lable' })).toContain('did you mean "label"');
  });

  it('bad input is an isError answer that says what to do', async () => {
    expect(await refused(session, 'validate', { file: '../outside.json' })).toContain('outside the folder this server serves');
    expect(await refused(session, 'validate', { file: 'missing.json' })).toContain('cannot read missing.json: no such file or directory (ENOENT)');
    expect(await refused(session, 'validate', {})).toContain('give either "flow"');
    expect(await refused(session, 'run', { flow: '{"version": "7.3",', steps: [] })).toMatch(/^flow\.json:1:\d+: invalid JSON/);
    expect(await refused(session, 'run', { flow: '{}', steps: [{ jump: 1 }] })).toBe('steps: step 1: unknown step "jump"; steps are fill, pick, check, uncheck, toggle, tap, back, expect');
    // The SDK checks the arguments against the input schema before the tool runs.
    expect(await refused(session, 'explain', { name: 'TextInput', version: '9.9' })).toMatch(/Input validation error/);
  });
});

describe('deploy and send against a configured environment', () => {
  it('deploy answers the dry-run plan of the "sandbox" environment and changes nothing', { timeout: 60_000 }, async () => {
    const plan = await ok(session, 'deploy', { env: 'sandbox' });
    expect(plan).toMatchObject({ environment: 'sandbox', provider: '360dialog', dryRun: true, ok: true });
    expect(plan.validation).toEqual([expect.objectContaining({ valid: true })]);
    expect(plan.plan.changes).toBeGreaterThan(0);
    expect(plan.plan.flows).toEqual([expect.objectContaining({ name: 'Feedback', outcome: 'create' })]);
    // Nothing was created: the sandbox has no flow yet.
    expect((await dev.truth.flows.list()).data).toEqual([]);
  });

  it('send delivers the draft of a deployed flow to a simulated phone', { timeout: 90_000 }, async () => {
    await withOutput(dev.process, async () => {
      await cliRunner(env).ok(deployCommand, project, []);
    });
    const waId = '4915130000077';
    const phone = await fetch(`${dev.creds.url}/_sandbox/phones`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ wa_id: waId, name: 'Ana' }) });
    expect(phone.status).toBe(201);
    const sent = await ok(session, 'send', { env: 'sandbox', to: `+${waId}`, flow: 'Feedback', token: 'mcp-draft-1', body: 'How was your visit?' });
    expect(sent).toMatchObject({ ok: true, environment: 'sandbox', to: waId, flowToken: 'mcp-draft-1', mode: 'draft', action: 'navigate', screen: 'RATE', flow: { name: 'Feedback' } });
    const chat = (await (await fetch(`${dev.creds.url}/_sandbox/phones/${waId}/chat`)).json()) as Json;
    const message = (chat.messages as Json[]).find((m) => m.id === sent.messageId);
    expect(message).toMatchObject({ direction: 'outbound' });
    expect(JSON.stringify(message)).toContain('mcp-draft-1');
  });

  it('refuses an environment the project does not configure, and any environment without a project', { timeout: 60_000 }, async () => {
    expect(await refused(session, 'deploy', { env: 'production' })).toMatch(/deploy refused: .*waflow\.config\.json has no environment "production"; its environments: "sandbox"/);
    expect(await refused(session, 'send', { env: 'production', to: '4915130000078', flow: 'Feedback' })).toMatch(/send refused: .*no environment "production"/);

    // Served with --root from elsewhere: the folder, not the working one, is where files and the project are looked for.
    const empty = tempDir('waflow-mcp-empty-');
    const bare = await connect(ROOT, env(), ['--root', empty.path]);
    try {
      expect(await refused(bare, 'deploy', { env: 'sandbox' })).toMatch(/^deploy refused: no waflow\.config\.json in .* only talks to an environment you configured/);
      expect(await refused(bare, 'send', { env: 'sandbox', to: '4915130000078', flow: 'Feedback' })).toMatch(/^send refused: no waflow\.config\.json/);
      // The offline tools work without a project.
      expect(await ok(bare, 'validate', { flow: readFileSync(join(ROOT, 'examples', 'sign-up.json'), 'utf8') })).toMatchObject({ valid: true });
      expect(await refused(bare, 'validate', { file: 'examples/sign-up.json' })).toContain('cannot read examples/sign-up.json: no such file or directory');
    } finally {
      await bare.close();
      empty.remove();
    }
  });

  it('never answers with a credential', () => {
    const answers = JSON.stringify(session.calls);
    for (const secret of [dev.creds.apiKey, dev.creds.partnerKey]) expect(answers).not.toContain(secret);
    expect(session.stderr()).toBe('');
  });
});

describe('waflow mcp without the SDK', () => {
  it('names the package to install, and exits 2', { timeout: 30_000 }, async () => {
    // A resolve hook makes the package missing, as in a project that has not installed it.
    const dir = tempDir('waflow-mcp-nosdk-');
    try {
      writeFileSync(
        join(dir.path, 'hooks.mjs'),
        `export async function resolve(specifier, context, next) {
  if (specifier === '@modelcontextprotocol/server' || specifier.startsWith('@modelcontextprotocol/server/')) {
    const error = new Error("Cannot find package '" + specifier + "'");
    error.code = 'ERR_MODULE_NOT_FOUND';
    throw error;
  }
  return next(specifier, context);
}
`,
      );
      writeFileSync(join(dir.path, 'register.mjs'), "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n");
      const result = await new Promise<{ code: number | null; out: string; err: string }>((done) => {
        const child = spawn(process.execPath, ['--import', TSX, '--import', pathToFileURL(join(dir.path, 'register.mjs')).href, BIN, 'mcp'], { cwd: dir.path, env: { ...getDefaultEnvironment() }, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        child.on('close', (code) => done({ code, out, err }));
      });
      expect(result).toEqual({
        code: 2,
        out: '',
        err: 'waflow mcp needs the optional package "@modelcontextprotocol/server", which is not installed: run `npm install @modelcontextprotocol/server`\n',
      });
    } finally {
      dir.remove();
    }
  });

  it('refuses a --root that is not a folder before loading the SDK', async () => {
    let err = '';
    const command = createMcpCommand({ loadSdk: () => Promise.reject(new Error('not loaded')) });
    const io = { stdout: () => undefined, stderr: (t: string) => void (err += t), cwd: ROOT, env: {} };
    expect(await command.run(['--root', 'no-such-folder'], io)).toBe(2);
    expect(await command.run(['--root', 'package.json'], io)).toBe(2);
    expect(await command.run(['--stdio'], io)).toBe(2);
    expect(err).toBe(
      'waflow mcp: --root no-such-folder: no such file or directory (ENOENT)\n' +
        'waflow mcp: --root package.json: is not a folder\n' +
        "waflow mcp: Unknown option '--stdio'\nusage: waflow mcp [--root DIR] [--config FILE] [--chromium PATH]\n",
    );
  });

  it('--help shows the tools and a client configuration without loading the SDK', async () => {
    let out = '';
    const code = await createMcpCommand({ loadSdk: () => Promise.reject(new Error('not loaded for --help')) }).run(['--help'], { stdout: (t) => (out += t), stderr: () => undefined, cwd: ROOT, env: {} });
    expect(code).toBe(0);
    expect(out).toContain('"mcpServers": {"waflow": {"command": "npx", "args": ["waflow", "mcp", "--root", "/path/to/project"]}}');
    for (const name of TOOL_NAMES) expect(out).toMatch(new RegExp(`^  ${name} `, 'm'));
  });
});
