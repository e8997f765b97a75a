import { describe, expect, it } from 'vitest';
import { validateFlow } from '../index.js';
import { footer, heading, link, lint, messages, oneScreen } from './test-helpers.js';

const CODE = 'style/sentence-case';
const only = (doc: unknown): string[] => lint(doc, { rules: { 'style/consistent-capitalisation': 'off' } }).filter((f) => f.startsWith(CODE));

describe('style/sentence-case', () => {
  it('flags a screen title in Title Case and suggests sentence case', () => {
    const doc = oneScreen([footer('Confirm booking')], 'Book Your Appointment');
    expect(only(doc)).toEqual([`${CODE}@/screens/0/title`]);
    const [message] = messages(doc, CODE);
    expect(message).toContain('"Book your appointment"');
    expect(message).toContain('Use sentence case on screen titles, headings, and CTAs.');
  });

  it('flags headings, subheadings, Footer labels and link texts', () => {
    const doc = oneScreen([heading('Your Contact Details'), heading('Tell Us More', 'TextSubheading'), link('Read Our Policy'), footer('Confirm Booking')]);
    expect(only(doc)).toEqual([
      `${CODE}@/screens/0/layout/children/0/text`,
      `${CODE}@/screens/0/layout/children/1/text`,
      `${CODE}@/screens/0/layout/children/2/text`,
      `${CODE}@/screens/0/layout/children/3/label`,
    ]);
  });

  it.each([
    'Book your appointment',
    'Welcome', // one word
    'FAQ',
    'Verify your OTP',
    'Pay with WhatsApp',
    'Your iPhone',
    'BOOK NOW',
    'Sign in',
    'Subscribe to our Newsletter', // a mix: "Newsletter" may be a name, not judged
    '${data.title}',
    'Hello ${data.first_name} And Welcome',
  ])('is silent on the title %j', (title) => {
    expect(only(oneScreen([footer('Confirm booking')], title))).toEqual([]);
  });

  it('keeps acronyms, inner-capital names and day names in its suggestion', () => {
    const doc = oneScreen([heading('Verify Your OTP On WhatsApp By Friday'), footer('Confirm booking')]);
    expect(messages(doc, CODE)[0]).toContain('"Verify your OTP on WhatsApp by Friday"');
  });

  it('leaves input labels alone (the guidance names titles, headings and CTAs)', () => {
    expect(only(oneScreen([{ type: 'TextInput', name: 'n', label: 'First Name' }, footer('Confirm booking')]))).toEqual([]);
  });

  it('is a warning that leaves the flow valid', () => {
    const result = validateFlow(oneScreen([footer('Confirm Booking')], 'Book Your Appointment'), { style: true });
    expect(result.valid).toBe(true);
    expect(new Set(result.diagnostics.map((d) => d.severity))).toEqual(new Set(['warning']));
  });
});
