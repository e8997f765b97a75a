// components.generated.ts is written from the catalogue; this fails while it is stale. Refresh it
// with WAFLOW_WRITE_GENERATED=1 npx vitest run src/flow-json/author/generated.test.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPONENT_SPECS, LAYOUT_SPECS } from '../catalogue/index.js';
import { COMPONENT_BUILDERS } from './components.generated.js';
import { generateBuilderSource } from './generate.js';
import { builderName } from './names.js';

const FILE = join(import.meta.dirname, 'components.generated.ts');

describe('the generated builders', () => {
  it('are what the catalogue generates today', () => {
    const source = generateBuilderSource();
    if (process.env['WAFLOW_WRITE_GENERATED'] === '1') writeFileSync(FILE, source);
    expect(readFileSync(FILE, 'utf8') === source, 'components.generated.ts is stale: run WAFLOW_WRITE_GENERATED=1 npx vitest run src/flow-json/author/generated.test.ts').toBe(true);
  });

  it('have one builder for every component and layout of the catalogue', () => {
    const types = [...COMPONENT_SPECS, ...LAYOUT_SPECS].map((s) => s.type);
    expect(Object.keys(COMPONENT_BUILDERS).sort()).toEqual(types.map(builderName).sort());
    for (const type of types) expect((COMPONENT_BUILDERS as Record<string, (p: object) => unknown>)[builderName(type)]!({ x: 1 })).toEqual({ type, x: 1 });
  });
});
