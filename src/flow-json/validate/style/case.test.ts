import { describe, expect, it } from 'vitest';
import { analyseCase } from './case.js';

describe('analyseCase', () => {
  it.each([
    ['Book Your Appointment', 'Book your appointment'],
    ['Talk to an Agent', 'Talk to an agent'],
    ['Add To Cart', 'Add to cart'],
    ['Photo Picker Example', 'Photo picker example'],
    ['Join Now', 'Join now'],
    ['Black Friday Deals', 'Black Friday deals'],
    ['Verify Your OTP', 'Verify your OTP'],
    ['Chat With Us On WhatsApp', 'Chat with us on WhatsApp'],
    ['Step 1: Your Details', 'Step 1: Your details'],
    ['Screen 4 — ¿Cuánto Vale?', 'Screen 4 — ¿Cuánto vale?'],
    ['Check-In Details', 'Check-in details'],
    ['CBC Tournament Registration', 'CBC tournament registration'],
  ])('reads %j as Title Case, sentence case %j', (text, sentence) => {
    expect(analyseCase(text)).toMatchObject({ style: 'title', sentenceCase: sentence });
  });

  it.each(['Book your appointment', 'Tell us who you\'d like to cover?', 'Select date', 'Contact us', 'Black Friday deals', 'Open in WhatsApp now'])(
    'reads %j as sentence case',
    (text) => {
      expect(analyseCase(text).style).toBe('sentence');
    },
  );

  it.each([
    'Welcome', // one word
    'Sign in', // only a minor word after the first
    'FAQ', // acronym
    'OTP FAQ',
    'BOOK NOW', // shouting is not Title Case
    'Your iPhone', // a name with internal capitals
    'Plan A',
    'Order on Monday', // names of days
    'Subscribe to our Newsletter', // a mix: maybe a name, not judged
    '${data.title}',
    'Hello ${data.name} And Welcome',
    '',
    '2024 / 2025',
    'Done. Thanks', // a new sentence starts with a capital
  ])('does not judge %j', (text) => {
    expect(analyseCase(text).style).toBeUndefined();
  });
});
