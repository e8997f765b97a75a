// The media module must run on Bun, Deno and workerd too: WebCrypto and fetch only.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_SIZE_KB } from '../flow-json/catalogue/components/media-picker.js';
import { DEFAULT_MAX_MEDIA_BYTES } from './decrypt.js';

const here = import.meta.dirname;
const sources = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

describe('src/media portability', () => {
  it.each(sources)('%s imports no node: module and uses no Buffer', (file) => {
    const text = readFileSync(join(here, file), 'utf8');
    expect(text).not.toMatch(/from ['"]node:/);
    expect(text).not.toMatch(/\bBuffer\b/);
  });

  it('imports from the data channel only its portable byte helpers', () => {
    const imports = sources.flatMap((file) => [...readFileSync(join(here, file), 'utf8').matchAll(/from '(\.\.\/[^']+)'/g)].map((m) => m[1]));
    expect(new Set(imports)).toEqual(new Set(['../data-channel/base64.js', '../data-channel/bytes.js']));
  });

  it("caps a download at the catalogue's largest picker file", () => {
    expect(DEFAULT_MAX_MEDIA_BYTES).toBe(MAX_FILE_SIZE_KB * 1024);
  });
});
