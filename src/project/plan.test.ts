import { describe, expect, it } from 'vitest';
import { computePlan, nameVersion, nextFlowName } from './plan.js';
import type { FlowState, LocalFlow, PlanInput, RemoteFlow, TemplateState } from './plan.js';

const local: LocalFlow = { name: 'Feedback', file: 'flows/feedback.json', hash: 'sha256:new', categories: ['SURVEY'] };

function remote(extra: Partial<RemoteFlow> = {}): RemoteFlow {
  return { id: '100', name: 'Feedback', status: 'DRAFT', categories: ['SURVEY'], hash: 'sha256:new', via: 'lock', ...extra };
}

function plan(flows: FlowState[], extra: Partial<PlanInput> = {}) {
  return computePlan({ flows, templates: [], takenNames: [], templatesSupported: true, options: { publish: false, cloneAsNew: false }, ...extra });
}

const publish = { options: { publish: true, cloneAsNew: false } };
const clone = { options: { publish: false, cloneAsNew: true } };

describe('computePlan: flows', () => {
  it('creates and uploads a flow the platform does not have, and publishes it when asked', () => {
    const p = plan([{ local }]);
    expect(p.flows[0]).toMatchObject({ outcome: 'create', steps: [{ kind: 'create', name: 'Feedback' }, { kind: 'upload' }], newName: 'Feedback' });
    expect(p.changes).toBe(2);
    expect(plan([{ local }], publish).flows[0]?.steps.map((s) => s.kind)).toEqual(['create', 'upload', 'publish']);
  });

  it('changes nothing when the hash and the metadata match', () => {
    const p = plan([{ local, remote: remote() }]);
    expect(p.flows[0]).toMatchObject({ outcome: 'unchanged', steps: [], changes: [] });
    expect(p.changes).toBe(0);
    expect(p.blocked).toBe(false);
  });

  it('uploads only a changed Flow JSON, and updates only changed metadata', () => {
    const changed = plan([{ local, remote: remote({ hash: 'sha256:old' }) }]);
    expect(changed.flows[0]).toMatchObject({ outcome: 'change', steps: [{ kind: 'upload' }], changes: ['Flow JSON changed (flows/feedback.json)'] });
    const meta = plan([{ local: { ...local, categories: ['SURVEY', 'OTHER'], endpointUri: 'https://e.test/flow' }, remote: remote() }]);
    expect(meta.flows[0]?.steps).toEqual([{ kind: 'update', categories: ['SURVEY', 'OTHER'], endpointUri: 'https://e.test/flow' }]);
    expect(meta.flows[0]?.changes).toEqual(['categories SURVEY → OTHER, SURVEY', 'endpointUri (none) → https://e.test/flow']);
    // Category order does not matter; a flow without endpointUri in the config leaves the platform's alone.
    expect(plan([{ local: { ...local, categories: ['OTHER', 'SURVEY'] }, remote: remote({ categories: ['SURVEY', 'OTHER'], endpointUri: 'https://x.test' }) }]).flows[0]?.outcome).toBe('unchanged');
  });

  it('uploads a draft whose JSON could not be compared, and says so', () => {
    const p = plan([{ local, remote: remote({ hash: undefined, via: 'name' }) }]);
    expect(p.flows[0]?.steps).toEqual([{ kind: 'upload' }]);
    expect(p.flows[0]?.notes).toEqual(['found by name (not in the lock)', 'its Flow JSON could not be compared: uploaded again']);
  });

  it('publishes an unchanged draft with --publish, and leaves a published one alone', () => {
    expect(plan([{ local, remote: remote() }], publish).flows[0]?.steps).toEqual([{ kind: 'publish' }]);
    expect(plan([{ local, remote: remote({ status: 'PUBLISHED' }) }], publish).flows[0]).toMatchObject({ outcome: 'unchanged', steps: [] });
  });

  it('refuses to change a published flow, explaining immutability and --clone-as-new', () => {
    const p = plan([{ local, remote: remote({ status: 'PUBLISHED', hash: 'sha256:old' }) }], { takenNames: ['Feedback'] });
    expect(p.blocked).toBe(true);
    expect(p.flows[0]).toMatchObject({ outcome: 'blocked', steps: [], newName: 'Feedback v2' });
    expect(p.flows[0]?.blocked).toMatch(/^flow 100 \("Feedback"\) is PUBLISHED, and a published flow is immutable: .*--clone-as-new: it creates "Feedback v2" from flow 100.*deprecates flow 100\.$/);
    // Metadata of a published flow is immutable too.
    expect(plan([{ local: { ...local, categories: ['OTHER'] }, remote: remote({ status: 'PUBLISHED' }) }]).blocked).toBe(true);
  });

  it('--clone-as-new clones the published flow under a free name; with --publish it publishes it and deprecates the old one', () => {
    const state = { local, remote: remote({ status: 'PUBLISHED', hash: 'sha256:old' }) };
    const drafted = plan([state], { ...clone, takenNames: ['Feedback', 'Feedback v2'] });
    expect(drafted.flows[0]).toMatchObject({ outcome: 'clone', replaces: '100', steps: [{ kind: 'create', name: 'Feedback v3', cloneFrom: '100' }, { kind: 'upload' }] });
    const live = plan([state], { options: { publish: true, cloneAsNew: true }, takenNames: ['Feedback'] });
    expect(live.flows[0]?.steps).toEqual([{ kind: 'create', name: 'Feedback v2', cloneFrom: '100' }, { kind: 'upload' }, { kind: 'publish' }, { kind: 'deprecate', id: '100' }]);
    expect(live.flows[0]?.replaces).toBeUndefined();
  });

  it('publishing a clone drafted earlier deprecates the flow it replaces', () => {
    const p = plan([{ local, remote: remote({ id: '200', name: 'Feedback v2', replaces: '100' }) }], publish);
    expect(p.flows[0]?.steps).toEqual([{ kind: 'publish' }, { kind: 'deprecate', id: '100' }]);
    expect(plan([{ local, remote: remote({ id: '200', replaces: '100' }) }]).flows[0]?.notes).toEqual(['replaces published flow 100: deploy --publish publishes this one and deprecates that one']);
  });

  it('replaces a deprecated flow with a new one, and a stale lock id with a fresh flow', () => {
    const deprecated = plan([{ local, remote: remote({ status: 'DEPRECATED' }) }], { takenNames: ['Feedback'] });
    expect(deprecated.flows[0]).toMatchObject({ outcome: 'create', steps: [{ kind: 'create', name: 'Feedback v2' }, { kind: 'upload' }] });
    expect(deprecated.flows[0]?.notes).toContain('flow 100 ("Feedback") is DEPRECATED and can no longer change: a new flow is created');
    const stale = plan([{ local, staleLockId: '999' }]);
    expect(stale.flows[0]?.notes).toEqual(["the lock's flow 999 no longer exists on the platform"]);
    expect(stale.flows[0]?.outcome).toBe('create');
  });

  it('gives two new flows of one plan different names', () => {
    const p = plan(
      [
        { local, remote: remote({ status: 'DEPRECATED' }) },
        { local: { ...local, name: 'Feedback v2' } },
      ],
      { takenNames: ['Feedback'] },
    );
    expect(p.flows.map((f) => f.newName)).toEqual(['Feedback v2', 'Feedback v2 v2']);
  });
});

describe('computePlan: templates', () => {
  const template = (extra: Partial<TemplateState> = {}): TemplateState => ({
    config: { name: 'visit_feedback', language: 'en_US', category: 'MARKETING', body: 'Hi', button: { text: 'Rate', flow: 'Feedback' } },
    ...extra,
  });

  it('creates a missing template and never recreates an existing one', () => {
    const p = plan([{ local, remote: remote() }], { templates: [template(), template({ existing: { id: 't1', status: 'APPROVED', flowId: '100' } })] });
    expect(p.templates.map((t) => [t.outcome, t.notes])).toEqual([
      ['create', []],
      ['exists', ['APPROVED']],
    ]);
    expect(p.changes).toBe(1);
  });

  it('says when an existing template opens another flow than the one deployed', () => {
    const p = plan([{ local, remote: remote({ status: 'PUBLISHED', hash: 'sha256:old' }) }], { ...clone, takenNames: ['Feedback'], templates: [template({ existing: { status: 'APPROVED', flowId: '100' } })] });
    expect(p.templates[0]?.notes[1]).toMatch(/^its FLOW button opens flow 100; a template cannot be edited/);
  });

  it('skips templates where the provider has no template API', () => {
    const p = plan([{ local, remote: remote() }], { templatesSupported: false, templates: [template()] });
    expect(p.templates[0]).toMatchObject({ outcome: 'skipped' });
    expect(p.changes).toBe(0);
  });
});

describe('flow names', () => {
  it('nextFlowName takes the first free "Name vN"', () => {
    expect(nextFlowName('Feedback', [])).toBe('Feedback');
    expect(nextFlowName('Feedback', ['Feedback', 'Feedback v2'])).toBe('Feedback v3');
  });

  it('nameVersion recognises the name and its clones only', () => {
    expect(nameVersion('Feedback', 'Feedback')).toBe(1);
    expect(nameVersion('Feedback', 'Feedback v12')).toBe(12);
    expect(nameVersion('Feedback', 'Feedback v0')).toBeUndefined();
    expect(nameVersion('Feedback', 'Feedback form')).toBeUndefined();
    expect(nameVersion('Feedback', 'feedback')).toBeUndefined();
  });
});
