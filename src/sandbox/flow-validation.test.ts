import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLOW_JSON_VERSIONS, MIN_PUBLISHABLE_VERSION, compareVersions } from '../flow-json/index.js';
import { feedbackFormSource, seedFeedbackFormSource } from './api-test-kit.js';
import { pointerToPath, unpublishableVersion, validateFlowSource } from './flow-validation.js';

describe('flow-validation', () => {
  it('turns pointers into Meta paths', () => {
    expect(pointerToPath('/screens/0/layout/children/1/type')).toBe('screens[0].layout.children[1].type');
  });

  it('lists errors only: warnings (documented character limits, old versions) are not validation_errors', () => {
    const source = readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'feedback-form.json'), 'utf8').replace('"Leave a comment"', '"Leave us a comment, if you like"');
    // Both a DEPRECATED_FLOW_JSON_VERSION and a MAX_CHARS_EXCEEDED warning, and no error.
    expect(validateFlowSource(source)).toEqual({ validationErrors: [], jsonVersion: '2.1', dataApiVersion: undefined });
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
