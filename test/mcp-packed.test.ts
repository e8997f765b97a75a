// `waflow mcp` as users get it: the packed package's bin, with the MCP SDK installed beside it
// (the full project) and without it (the lean one, which gets the install hint).
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport, getDefaultEnvironment } from '@modelcontextprotocol/client/stdio';
import { describe, expect, it } from 'vitest';
import { TOOLS } from '../src/mcp/index.js';
import { tempDir } from '../src/sandbox/phone/test-kit.js';
import { packedProject } from './packed.js';

const exec = promisify(execFile);
const bin = (project: string): string => join(project, 'node_modules', '.bin', 'waflow');

describe('waflow mcp from the packed package', () => {
  it('lists its tools and validates then fixes a flow over stdio', { timeout: 600_000 }, async () => {
    const packed = await packedProject();
    const root = tempDir();
    writeFileSync(join(root.path, 'flow.json'), JSON.stringify({ version: '7.3', screens: [{ id: 'ONE', title: 'One', terminal: true, layout: { type: 'SingleColumnLayout', children: [{ type: 'TextBdy', text: 'Hi' }, { type: 'Footer', label: 'Done', 'on-click-action': { name: 'complete', payload: {} } }] } }] }));
    const transport = new StdioClientTransport({ command: bin(packed.full), args: ['mcp', '--root', root.path], cwd: packed.full, env: getDefaultEnvironment(), stderr: 'pipe' });
    const client = new Client({ name: 'waflow-packed-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(TOOLS.map((t) => t.name).sort());
      const before = (await client.callTool({ name: 'validate', arguments: { file: 'flow.json' } })).structuredContent as { valid: boolean };
      expect(before.valid).toBe(false);
      const fixed = (await client.callTool({ name: 'fix', arguments: { file: 'flow.json' } })).structuredContent as { valid: boolean };
      expect(fixed.valid).toBe(true);
    } finally {
      await client.close();
      root.remove();
    }
  });

  it('says how to install the SDK where it is missing', { timeout: 600_000 }, async () => {
    const packed = await packedProject();
    const failed = await exec(bin(packed.lean), ['mcp'], { cwd: packed.lean }).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toContain('npm install @modelcontextprotocol/server');
  });
});
