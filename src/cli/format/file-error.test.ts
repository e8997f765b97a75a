import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeFileError } from './file-error.js';

async function readError(path: string): Promise<unknown> {
  try {
    await readFile(path, 'utf8');
  } catch (err) {
    return err;
  }
  throw new Error(`${path} was readable`);
}

describe('describeFileError', () => {
  const here = fileURLToPath(import.meta.url);

  it('turns real read errors into their code and plain reason, without the path', async () => {
    expect(describeFileError(await readError('/no/such/file.json'))).toEqual({ code: 'ENOENT', message: 'no such file or directory' });
    expect(describeFileError(await readError(fileURLToPath(new URL('.', import.meta.url))))).toEqual({ code: 'EISDIR', message: 'is a directory, not a file' });
    expect(describeFileError(await readError(`${here}/child.json`))).toEqual({ code: 'ENOTDIR', message: 'a parent of the path is not a directory' });
  });

  it('keeps Node’s reason for other codes, minus the syscall and path', () => {
    const err = Object.assign(new Error("EXDEV: cross-device link not permitted, open '/secret/place'"), { code: 'EXDEV' });
    expect(describeFileError(err)).toEqual({ code: 'EXDEV', message: 'cross-device link not permitted' });
    expect(describeFileError('boom')).toEqual({ code: 'EIO', message: 'boom' });
  });
});
