import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLOW_JSON_VERSIONS, MIN_PUBLISHABLE_VERSION, compareVersions } from '../flow-json/index.js';
import { feedbackFormSource, seedFeedbackFormSource } from './api-test-kit.js';
import { blockingErrors, pointerToPath, unpublishableVersion, validateFlowSource } from './flow-validation.js';

describe('flow-validation', () => {
  it('turns pointers into Meta paths', () => {
    expect(pointerToPath('/screens/0/layout/children/1/type')).toBe('screens[0].layout.children[1].type');
  });

  it("lists the platform's warnings as FLOW_JSON_WARNING entries, which block nothing; style lints stay out", () => {
    const source = readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'feedback-form.json'), 'utf8').replace('"Leave a comment"', '"Leave us a comment, if you like"');
    // Both a DEPRECATED_FLOW_JSON_VERSION and a MAX_CHARS_EXCEEDED warning, and no error.
    const summary = validateFlowSource(source);
    expect(summary).toMatchObject({ jsonVersion: '2.1', dataApiVersion: undefined });
    expect(summary.validationErrors.map((e) => [e.error, e.error_type]).sort()).toEqual([
      ['DEPRECATED_FLOW_JSON_VERSION', 'FLOW_JSON_WARNING'],
      ['MAX_CHARS_EXCEEDED', 'FLOW_JSON_WARNING'],
    ]);
    const long = summary.validationErrors.find((e) => e.error === 'MAX_CHARS_EXCEEDED');
    expect(long).toMatchObject({ message: expect.stringContaining('limit of 20') as unknown, pointers: [expect.objectContaining({ path: expect.stringMatching(/\.label$/) as unknown })] });
    expect(blockingErrors(summary.validationErrors)).toEqual([]);
    // A title in Title Case is a style lint (waflow's own guidance), never a platform entry.
    const titled = feedbackFormSource().replace(/"title": "([^"]+)"/, '"title": "Leave Us Your Thoughts"');
    expect(titled).not.toBe(feedbackFormSource());
    expect(validateFlowSource(titled).validationErrors).toEqual([]);
  });

  it('counts only errors as blocking', () => {
    const broken = validateFlowSource('{ "version": "7.3", "screens": [] }').validationErrors;
    expect(broken.length).toBeGreaterThan(0);
    expect(blockingErrors(broken)).toEqual(broken);
  });

  it('refuses to publish versions below 5.1 only', () => {
    expect(unpublishableVersion('2.1')).toMatch(/^Flow JSON version 2\.1 is no longer available for publishing: publishing needs Flow JSON version 5\.1 or later/);
    expect(unpublishableVersion('5.0')).toBeDefined();
    for (const v of FLOW_JSON_VERSIONS.filter((x) => compareVersions(x, MIN_PUBLISHABLE_VERSION) >= 0)) expect(unpublishableVersion(v)).toBeUndefined();
    expect(unpublishableVersion(undefined)).toBeUndefined();
    expect(unpublishableVersion('9.9')).toBeUndefined(); // an unknown version is a validation error already
  });

  it('keeps the test copy of the feedback form valid: the seed form raised to a publishable version', () => {
    expect(JSON.parse(seedFeedbackFormSource())).toMatchObject({ version: '2.1' });
    const raised = feedbackFormSource();
    expect(validateFlowSource(raised).validationErrors).toEqual([]);
    expect(unpublishableVersion(validateFlowSource(raised).jsonVersion)).toBeUndefined();
    // Valid as it stands in every publishable version.
    for (const v of FLOW_JSON_VERSIONS.filter((x) => compareVersions(x, MIN_PUBLISHABLE_VERSION) >= 0)) {
      expect(validateFlowSource(seedFeedbackFormSource().replace('"version": "2.1"', `"version": "${v}"`)).validationErrors).toEqual([]);
    }
  });
});
