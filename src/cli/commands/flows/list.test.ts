// `waflow flows list`: the table, the project's flows marked, --json. Paging is the client's (flows.listAll).
import { describe, expect, it } from 'vitest';
import { emptyLock, writeLock } from '../../../project/lock.js';
import { runFlows, starterProjectPerTest } from './test-kit.js';
import { formatTable } from './table.js';

const { project, platform } = starterProjectPerTest();

const warning = { error: 'TEXT_TOO_LONG', errorType: 'FLOW_JSON_WARNING', message: 'long', lineStart: 1, lineEnd: 1, columnStart: 1, columnEnd: 2 };
const error = { error: 'INVALID_PROPERTY', errorType: 'FLOW_JSON_ERROR', message: 'bad', lineStart: 3, lineEnd: 3, columnStart: 5, columnEnd: 9 };

describe('formatTable', () => {
  it('pads columns to the widest cell, cuts very long cells and leaves no trailing blanks', () => {
    expect(formatTable(['A', 'BB'], [['xyz', ''], ['1', '2']], '> ')).toBe('> A    BB\n> xyz\n> 1    2\n');
    expect(formatTable(['N'], [['x'.repeat(60)]]).split('\n')[1]).toBe(`${'x'.repeat(47)}…`);
  });
});

describe('waflow flows list', () => {
  it('shows every flow, with error counts, and marks the flows of the project', async () => {
    platform.add({ id: '111', name: 'Feedback', status: 'PUBLISHED', categories: ['SURVEY'] });
    platform.add({ id: '222', name: 'Other team', categories: ['OTHER', 'SIGN_UP'], validationErrors: [error, warning] });
    platform.add({ id: '333', name: 'Feedback v2', status: 'DRAFT', categories: ['SURVEY'] });
    // The lock says the project's "Feedback" is now the clone 333.
    const lock = emptyLock();
    lock.environments.sandbox = { flows: { Feedback: { id: '333', name: 'Feedback v2', hash: 'sha256:x', status: 'DRAFT' } }, templates: {} };
    await writeLock(project.path, lock);
    const run = await runFlows(platform, project.path, ['list']);
    expect(run.code).toBe(0);
    expect(run.err).toBe('');
    expect(run.out).toBe(
      'Flows of "sandbox" (360dialog, http://127.0.0.1:1/cloud, flows: http://127.0.0.1:1/hub/api/v2):\n' +
        '  NAME         ID   STATUS     CATEGORIES     ERRORS          PROJECT\n' +
        '  Feedback     111  PUBLISHED  SURVEY         0               Feedback\n' +
        '  Other team   222  DRAFT      OTHER,SIGN_UP  1 (+1 warning)\n' +
        '  Feedback v2  333  DRAFT      SURVEY         0               Feedback\n' +
        '3 flows, 2 of this project.\n',
    );
  });

  it('prints one JSON document with --json', async () => {
    platform.add({ id: '222', name: 'Other team', validationErrors: [error] });
    const run = await runFlows(platform, project.path, ['list', '--json']);
    expect(JSON.parse(run.out)).toEqual({
      ok: true,
      environment: 'sandbox',
      provider: '360dialog',
      flows: [{ id: '222', name: 'Other team', status: 'DRAFT', categories: ['OTHER'], errors: 1, warnings: 0, project: null }],
    });
  });

  it('says what to do when the environment has no flows', async () => {
    const run = await runFlows(platform, project.path, ['list']);
    expect(run.out).toBe('Environment "sandbox" (360dialog) has no flows. `waflow deploy --env sandbox` creates the project\'s.\n');
  });
});
