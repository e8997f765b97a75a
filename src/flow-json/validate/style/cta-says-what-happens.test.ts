import { describe, expect, it } from 'vitest';
import { validateFlow } from '../index.js';
import { normaliseLabel } from './cta-says-what-happens.js';
import { footer, heading, link, lint, messages, oneScreen, twoScreens } from './test-helpers.js';

const CODE = 'style/cta-says-what-happens';
const endFooter = '/screens/0/layout/children/0/label';

describe('style/cta-says-what-happens', () => {
  it.each(['Submit', 'OK', 'okay', 'Done', 'Confirm', 'Send', 'Finish', 'Complete', 'Yes', 'Go', ' Click here ', 'SUBMIT!', 'Done ✅', 'Submit →'])(
    'flags the Footer label %j',
    (label) => {
      expect(lint(oneScreen([footer(label)])).filter((f) => f.startsWith(CODE))).toEqual([`${CODE}@${endFooter}`]);
    },
  );

  it('flags "Continue" and "Next" on the Footer that completes the flow, not on one that navigates', () => {
    for (const label of ['Continue', 'Next', 'Proceed']) {
      expect(lint(oneScreen([footer(label)]))).toContain(`${CODE}@${endFooter}`);
      expect(lint(twoScreens([footer(label, 'navigate')], [footer('Confirm booking')]))).toEqual([]);
    }
    expect(messages(oneScreen([footer('Continue')]), CODE)[0]).toContain('completes the flow and sends the answers');
  });

  it('flags generic words whatever the action', () => {
    const doc = twoScreens([footer('Submit', 'navigate')], [footer('Confirm booking')]);
    expect(lint(doc)).toEqual([`${CODE}@/screens/0/layout/children/0/label`]);
  });

  it('flags a generic EmbeddedLink text', () => {
    const doc = oneScreen([link('Click here'), link('Here'), footer('Confirm booking')]);
    expect(lint(doc)).toEqual([`${CODE}@/screens/0/layout/children/0/text`, `${CODE}@/screens/0/layout/children/1/text`]);
    expect(messages(doc, CODE)[0]).toContain('name where it leads');
  });

  it('checks Footers inside If branches', () => {
    const doc = oneScreen([{ type: 'If', condition: '${data.ok}', then: [footer('Submit')], else: [footer('Send feedback')] }]);
    (doc['screens'] as Record<string, unknown>[])[0]!['data'] = { ok: { type: 'boolean', __example__: true } };
    expect(lint(doc)).toEqual([`${CODE}@/screens/0/layout/children/0/then/0/label`]);
  });

  it.each(['Confirm booking', 'Send feedback', 'Submit report', 'Place order', 'Sign in', 'Subscribe', 'Choose a time'])('is silent on %j', (label) => {
    expect(lint(oneScreen([footer(label)]))).toEqual([]);
  });

  it('is silent on dynamic labels and on link texts that name their destination', () => {
    expect(lint(oneScreen([footer('${data.cta}')]))).toEqual([]);
    expect(lint(oneScreen([link('Read our privacy policy'), link('Read more'), footer('Confirm booking')]))).toEqual([]);
  });

  it('does not look at texts that are not buttons', () => {
    expect(lint(oneScreen([heading('Done'), { type: 'TextInput', name: 'n', label: 'Next' }, footer('Confirm booking')]))).toEqual([]);
  });

  it('gives the reason and a fix fitting the action', () => {
    const [complete] = messages(oneScreen([footer('Submit')]), CODE);
    expect(complete).toContain('"Submit"');
    expect(complete).toContain('The CTA should always tell the user what will happen next');
    expect(complete).toContain('"Confirm booking"');
    const [navigate] = messages(twoScreens([footer('OK', 'navigate')], [footer('Confirm booking')]), CODE);
    expect(navigate).toContain('name the next step');
  });

  it('is a warning that leaves the flow valid', () => {
    const result = validateFlow(oneScreen([footer('Submit')]), { style: true });
    expect(result.valid).toBe(true);
    expect(result.diagnostics.map((d) => d.severity)).toEqual(['warning']);
  });

  it('normalises only case, spacing and decoration at both ends', () => {
    expect(normaliseLabel('  Click   Here! 👉')).toBe('click here');
    expect(normaliseLabel('Submit report')).toBe('submit report');
    expect(normaliseLabel('«OK»')).toBe('ok');
  });
});
