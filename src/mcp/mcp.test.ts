// The MCP server's parts in process: every diagnostic code has an explanation, files stay inside
// the served folder, the platform tools read only configured environments and never answer with
// their credentials, and a bug in a tool is an isError answer (test/mcp.test.ts runs the server).
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../flow-json/validate/index.js';
import { RULES, STYLE_RULES } from '../flow-json/validate/index.js';
import { tempDir } from '../sandbox/phone/test-kit.js';
import { explainCode, knownCodes } from './codes.js';
import { resolveInside } from './context.js';
import type { ToolContext } from './context.js';
import { callTool } from './server.js';
import { configuredEnvironment, redact } from './tools/environment.js';
import { ToolInputError } from './tools/tool.js';
import type { ToolDefinition } from './tools/tool.js';

const EXAMPLES = resolve(import.meta.dirname, '..', '..', 'examples');
const context = (root: string, env: Record<string, string> = {}): ToolContext => ({ root, configFile: undefined, env, chromiumPath: undefined });

describe('explainCode', () => {
  it('explains every code a rule, a lint, the parser or the version check reports', () => {
    const codes = [...RULES.flatMap((r) => r.codes), ...STYLE_RULES.flatMap((r) => r.codes), 'INVALID_FLOW_JSON', 'DUPLICATE_KEY', 'MISSING_FLOW_JSON_VERSION', 'DEPRECATED_FLOW_JSON_VERSION'];
    for (const code of codes) expect(explainCode(code)?.reportedBy.length, code).toBeGreaterThan(0);
    expect(knownCodes()).toEqual(expect.arrayContaining(codes));
    expect(explainCode('NOT_A_CODE')).toBeUndefined();
  });

  it('explains the codes validating the examples and broken documents gives', () => {
    const texts = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).map((f) => readFileSync(join(EXAMPLES, f), 'utf8'));
    texts.push('{"version": "7.3", "screens": [', '{"screens": []}', '{"version": "1.0", "screens": []}', '{"version": "7.3", "version": "7.3", "screens": []}');
    const seen = new Set(texts.flatMap((t) => validateFlow(t, { style: true }).diagnostics.map((d) => d.code)));
    expect(seen.size).toBeGreaterThan(4);
    for (const code of seen) expect(explainCode(code), code).toBeDefined();
    expect(explainCode('INVALID_PROPERTY_KEY')?.mayHaveSafeFix).toBe(true);
    expect(explainCode('DUPLICATE_SCREEN_IDS')?.mayHaveSafeFix).toBe(false);
  });
});

describe('resolveInside', () => {
  it('keeps paths inside the served folder', () => {
    const ctx = context('/srv/project');
    expect(resolveInside(ctx, 'flows/a.json')).toBe('/srv/project/flows/a.json');
    expect(resolveInside(ctx, '/srv/project/a.json')).toBe('/srv/project/a.json');
    for (const bad of ['../a.json', '/etc/passwd', 'flows/../../a.json', '.', '/srv/projectx/a.json']) {
      expect(() => resolveInside(ctx, bad), bad).toThrow(ToolInputError);
    }
  });

  it('follows symlinks: a link inside the folder to a place outside it is outside', () => {
    const root = tempDir('waflow-mcp-root-');
    const outside = tempDir('waflow-mcp-outside-');
    try {
      writeFileSync(join(outside.path, 'secret.json'), '{}');
      mkdirSync(join(root.path, 'flows'));
      symlinkSync(outside.path, join(root.path, 'elsewhere'));
      symlinkSync(join(root.path, 'flows'), join(root.path, 'alias'));
      const ctx = context(root.path);
      expect(() => resolveInside(ctx, 'elsewhere/secret.json')).toThrow(ToolInputError);
      expect(() => resolveInside(ctx, 'elsewhere/new.json')).toThrow(ToolInputError);
      // A link that stays inside, and a file not written yet, are fine.
      expect(resolveInside(ctx, 'alias/a.json')).toBe(join(root.path, 'alias', 'a.json'));
      expect(resolveInside(ctx, 'flows/new/b.json')).toBe(join(root.path, 'flows', 'new', 'b.json'));
    } finally {
      root.remove();
      outside.remove();
    }
  });
});

describe('configuredEnvironment', () => {
  it('finds the environment, collects the values of the variables it names, and redact hides them', async () => {
    const dir = tempDir('waflow-mcp-env-');
    try {
      const config = { flows: [], environments: { staging: { provider: '360dialog', apiKeyEnv: 'STAGING_KEY', partner: { partnerId: 'p1', wabaAccountId: 'w1', apiKeyEnv: 'PARTNER_KEY' } } } };
      writeFileSync(join(dir.path, 'waflow.config.json'), JSON.stringify(config));
      mkdirSync(join(dir.path, 'sub'));
      const env = { STAGING_KEY: 'stg-secret-123456', PARTNER_KEY: 'partner-secret-654321', OTHER: 'not-named-anywhere' };
      // Found from a folder below the project, as the CLI finds it.
      const found = await configuredEnvironment(context(join(dir.path, 'sub'), env), 'staging', 'deploy');
      expect(found.name).toBe('staging');
      expect([...found.secrets].sort()).toEqual(['partner-secret-654321', 'stg-secret-123456']);
      expect(redact('key stg-secret-123456 and partner-secret-654321, twice stg-secret-123456', found.secrets)).toBe('key [redacted] and [redacted], twice [redacted]');
      await expect(configuredEnvironment(context(dir.path, env), 'prod', 'send')).rejects.toThrow(/^send refused: .*waflow\.config\.json has no environment "prod"; its environments: "staging"/);
    } finally {
      dir.remove();
    }
  });

  it('refuses without a project file, and with a broken one', async () => {
    const dir = tempDir('waflow-mcp-noenv-');
    try {
      await expect(configuredEnvironment(context(dir.path), 'sandbox', 'deploy')).rejects.toThrow(/^deploy refused: no waflow\.config\.json in /);
      writeFileSync(join(dir.path, 'waflow.config.json'), '{"environments": 1}');
      await expect(configuredEnvironment(context(dir.path), 'sandbox', 'deploy')).rejects.toThrow(/^deploy refused: the project file has problems:\nwaflow\.config\.json:1:/);
    } finally {
      dir.remove();
    }
  });
});

describe('callTool', () => {
  const tool = (handle: ToolDefinition['handle']): ToolDefinition => ({
    name: 'probe',
    title: 'Probe',
    description: 'A tool for this test.',
    inputSchema: { type: 'object' },
    outputSchema: { type: 'object' },
    annotations: { readOnlyHint: true, openWorldHint: false },
    handle,
  });

  it('answers bad input with isError and its message, and a bug with isError while reporting the stack', async () => {
    const reports: string[] = [];
    const input = await callTool(tool(() => Promise.reject(new ToolInputError('give a flow'))), {}, context('/'), (t) => reports.push(t));
    expect(input).toEqual({ content: [{ type: 'text', text: 'give a flow' }], isError: true });
    expect(reports).toEqual([]);
    const bug = await callTool(tool(() => Promise.reject(new RangeError('index 3 out of range'))), {}, context('/'), (t) => reports.push(t));
    expect(bug.isError).toBe(true);
    expect(bug.content[0]).toEqual({ type: 'text', text: "probe failed: index 3 out of range (an internal error in waflow; the server's stderr has the details)" });
    expect(reports[0]).toMatch(/^waflow mcp: probe failed: RangeError: index 3 out of range\n\s+at /);
  });
});
