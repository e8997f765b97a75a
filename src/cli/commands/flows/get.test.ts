// `waflow flows get` and `waflow flows preview`: details, validation errors at line:column, health,
// the preview link and its expiry.
import { describe, expect, it } from 'vitest';
import { runFlows, starterProjectPerTest } from './test-kit.js';
import { formatDetails } from './get.js';
import { untilText } from './preview.js';

const { project, platform } = starterProjectPerTest();

const error = { error: 'INVALID_PROPERTY_VALUE', errorType: 'FLOW_JSON_ERROR', message: "Unknown component type 'Slider'.", lineStart: 11, lineEnd: 11, columnStart: 21, columnEnd: 29 };
const warning = { error: 'TEXT_TOO_LONG', errorType: 'FLOW_JSON_WARNING', message: 'The label is long.', lineStart: 4, lineEnd: 4, columnStart: 3, columnEnd: 9 };

describe('formatDetails', () => {
  it('shows every field, the health of each entity and the validation errors as waflow validate does', () => {
    const text = formatDetails(
      {
        id: '1',
        status: 'THROTTLED',
        categories: ['SURVEY', 'OTHER'],
        jsonVersion: '7.3',
        dataApiVersion: '3.0',
        endpointUri: 'https://example.test/flow',
        preview: { previewUrl: 'https://preview.test/1', expiresAt: '2030-01-01T00:00:00+0000' },
        healthStatus: {
          canSendMessage: 'LIMITED',
          entities: [{ entityType: 'FLOW', id: '1', canSendMessage: 'LIMITED', errors: [{ errorCode: 4233016, errorDescription: 'Endpoint is slow', possibleSolution: 'Answer faster' }] }],
        },
        validationErrors: [error, warning],
      },
      { file: 'flows/x.json', project: '"X" of the config (flows/x.json)' },
    );
    expect(text).toBe(
      [
        '  status            THROTTLED',
        '  categories        SURVEY, OTHER',
        '  json_version      7.3',
        '  data_api_version  3.0',
        '  endpoint_uri      https://example.test/flow',
        '  preview           https://preview.test/1 (expires 2030-01-01T00:00:00+0000)',
        '  health_status     LIMITED (FLOW LIMITED)',
        '                      FLOW 4233016: Endpoint is slow (Answer faster)',
        '  project           "X" of the config (flows/x.json)',
        '  validation        1 error, 1 warning (lines and columns of the Flow JSON on the platform)',
        "    flows/x.json:11:21 error INVALID_PROPERTY_VALUE Unknown component type 'Slider'.",
        '    flows/x.json:4:3 warning TEXT_TOO_LONG The label is long.',
        '',
      ].join('\n'),
    );
  });
});

describe('waflow flows get', () => {
  it("finds a flow by name and points its errors at the project's file", async () => {
    platform.add({ id: '42', name: 'Feedback', validationErrors: [error], jsonVersion: '7.3' });
    const run = await runFlows(platform, project.path, ['get', 'Feedback']);
    expect(run.code).toBe(0);
    expect(run.out).toContain('Flow "Feedback" (42) on "sandbox" (360dialog):\n  status            DRAFT\n');
    expect(run.out).toContain('  project           "Feedback" of the config (flows/feedback.json)\n');
    expect(run.out).toContain("    flows/feedback.json:11:21 error INVALID_PROPERTY_VALUE Unknown component type 'Slider'.\n");
  });

  it('finds a flow outside the project by id, and names its errors after <name>.json', async () => {
    platform.add({ id: '77', name: 'Their flow / beta', validationErrors: [error] });
    const run = await runFlows(platform, project.path, ['get', '77', '--json']);
    const report = JSON.parse(run.out);
    expect(report).toMatchObject({ ok: true, flow: { id: '77', name: 'Their flow / beta', status: 'DRAFT', validationErrors: [error] } });
    expect(report.project).toBeUndefined();
    const text = await runFlows(platform, project.path, ['get', 'Their flow / beta']);
    expect(text.out).toContain('    Their-flow-beta.json:11:21 error INVALID_PROPERTY_VALUE');
    expect(text.out).not.toContain('project ');
  });

  it('refuses an unknown name, listing what the environment holds', async () => {
    platform.add({ id: '1', name: 'Alpha' });
    const run = await runFlows(platform, project.path, ['get', 'Beta']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('environment "sandbox" has no flow named "Beta"; its flows: "Alpha".');
  });

  it("reports an id the platform does not know with the platform's message", async () => {
    const run = await runFlows(platform, project.path, ['get', '999']);
    expect(run.code).toBe(1);
    expect(run.err).toContain("Object with ID '999' does not exist.");
    expect(run.err).toContain('what to do: check the id or name');
  });
});

describe('waflow flows preview', () => {
  it('prints the link and its expiry; --invalidate asks for a new one', async () => {
    platform.add({ id: '42', name: 'Feedback' });
    const run = await runFlows(platform, project.path, ['preview', 'Feedback']);
    expect(run.out).toMatch(/^Preview of flow "Feedback" \(42\) on "sandbox":\n {2}https:\/\/preview\.test\/42\?token=old\n {2}expires 2999-01-01T00:00:00\+0000 \(in \d+ days\)\n$/);
    const fresh = JSON.parse((await runFlows(platform, project.path, ['preview', 'Feedback', '--invalidate', '--json'])).out);
    expect(fresh).toMatchObject({ ok: true, id: '42', previewUrl: 'https://preview.test/42?token=new', expiresAt: '2999-01-01T00:00:00+0000', invalidated: true });
  });

  it('says how long a link still works', () => {
    const now = new Date('2024-01-01T00:00:00Z');
    expect(untilText('2024-01-31T00:00:00+0000', now)).toBe('in 30 days');
    expect(untilText('2024-01-01T05:30:00+0000', now)).toBe('in 5 hours');
    expect(untilText('2024-01-01T00:10:00Z', now)).toBe('in 10 min');
    expect(untilText('2023-12-31T00:00:00+0000', now)).toBe('expired');
    expect(untilText('soon', now)).toBe('unknown');
  });
});
