import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { generateTypeScript } from './generate.js';

/**
 * Type-checks each usage file against the generated declarations with the real compiler, in one
 * program (a program per snippet costs seconds); returns each file's errors.
 */
function compile(declarations: string, usages: Record<string, string>): Record<string, string[]> {
  const files: Record<string, string> = { '/flow-json.d.ts': declarations };
  for (const [name, text] of Object.entries(usages)) files[`/${name}.ts`] = text;
  const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, types: [], noLib: false };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (f) => files[f] ?? read(f);
  host.fileExists = (f) => f in files || ts.sys.fileExists(f);
  host.getSourceFile = (f, lang) => {
    const text = files[f] ?? ts.sys.readFile(f);
    return text === undefined ? undefined : ts.createSourceFile(f, text, lang);
  };
  const program = ts.createProgram(Object.keys(usages).map((n) => `/${n}.ts`), options, host);
  const errors: Record<string, string[]> = Object.fromEntries(Object.keys(usages).map((n) => [n, []]));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const name = d.file?.fileName.slice(1, -3) ?? '';
    (errors[name] ??= []).push(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }
  return errors;
}

const examples = join(import.meta.dirname, '../../../examples');

describe('generateTypeScript', () => {
  it('accepts real flows and rejects unknown components, misspelt properties, wrong enums and disallowed actions', { timeout: 60_000 }, () => {
    const flow = (file: string) => `import type { FlowJson } from './flow-json';\nexport const flow: FlowJson = ${readFileSync(join(examples, file), 'utf8')};\n`;
    const usage = (component: string) => `import type { Component } from './flow-json';\nexport const c: Component = ${component};\n`;
    const errors = compile(generateTypeScript('7.3'), {
      ifSwitch: flow('conditional-if-switch.json'),
      navigation: flow('navigation-payloads.json'),
      text: usage(`{ type: 'TextBody', text: 'hi' }`),
      dynamic: usage(`{ type: 'TextHeading', text: '\${data.title}' }`),
      unknownType: usage(`{ type: 'TextBodyy', text: 'hi' }`),
      misspelt: usage(`{ type: 'TextBody', txt: 'hi' }`),
      badEnum: usage(`{ type: 'TextInput', name: 'a', label: 'A', 'input-type': 'colour' }`),
      badAction: usage(`{ type: 'EmbeddedLink', text: 'x', 'on-click-action': { name: 'complete', payload: {} } }`),
    });
    for (const ok of ['ifSwitch', 'navigation', 'text', 'dynamic']) expect(errors[ok], ok).toEqual([]);
    for (const bad of ['unknownType', 'misspelt', 'badEnum', 'badAction']) expect(errors[bad]!.length, bad).toBeGreaterThan(0);
  });

  it('leaves out components the version does not have', () => {
    expect(generateTypeScript('7.3')).toContain('interface NavigationListComponent');
    expect(generateTypeScript('5.0')).not.toContain('NavigationListComponent');
  });
});
