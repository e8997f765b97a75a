// The protocol core loads on runtimes without Node's modules: no module of flow-json, runtime,
// data-channel, endpoint, health (the endpoint ping) or media (flow media crypto) imports a
// `node:` module at load time. node:crypto is reached only by a dynamic import after the runtime
// check (data-channel/node-backend.ts); `import type` is
// erased at compile time. Node-only transports have subpaths of their own and are exempt, as is
// test support.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './package-source.js';

const ROOTS = ['src/flow-json', 'src/runtime', 'src/data-channel', 'src/endpoint', 'src/health', 'src/media'];
const EXEMPT = [
  /^src\/endpoint\/adapters\//,
  /^src\/endpoint\/serve\//,
  /^src\/endpoint\/token-store\/(redis|resp|postgres)\.ts$/,
  /\.test\.ts$/,
  /test-kit\.ts$/,
  /\/fixtures\//,
];
// import x from 'node:…', import { x } from "node:…", import 'node:…', export … from 'node:…'
const STATIC_NODE_IMPORT = /^\s*(?:import(?!\s+type\b)[^'";]*?(?:from\s*)?|export\s[^'";]*?from\s*)['"]node:[^'"]+['"]/gm;

function sources(dir: string): string[] {
  return readdirSync(join(REPO, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(REPO, join(entry.parentPath, entry.name)));
}

describe('no static node: import in the protocol core', () => {
  it('holds for every module of the protocol core (transports exempt)', () => {
    const offenders = ROOTS.flatMap(sources)
      .filter((file) => !EXEMPT.some((pattern) => pattern.test(file)))
      .flatMap((file) => [...readFileSync(join(REPO, file), 'utf8').matchAll(STATIC_NODE_IMPORT)].map((m) => `${file}: ${m[0].trim()}`));
    expect(offenders).toEqual([]);
  });

  it('recognises the import forms it looks for', () => {
    const lines = ["import { a } from 'node:crypto';", 'import x from "node:fs";', "import 'node:buffer';", "export { b } from 'node:util';", "import * as os from 'node:os';"];
    for (const line of lines) expect(line.match(STATIC_NODE_IMPORT), line).not.toBeNull();
    for (const line of ["import type { KeyObject } from 'node:crypto';", "const c = await import('node:crypto');", "// import x from 'node:fs'"]) {
      expect(line.match(STATIC_NODE_IMPORT), line).toBeNull();
    }
  });
});
