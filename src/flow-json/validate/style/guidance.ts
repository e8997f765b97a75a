/**
 * The seed's "Designing your Flow" guidance, quoted once so every message and the docs say the
 * same thing (/work/shared/seed, Meta's WhatsApp Flows best practices page).
 */
export const GUIDANCE = {
  cta: 'The CTA should always tell the user what will happen next or what task is being completed on each screen, for example Confirm booking.',
  sentenceCase: 'Use sentence case on screen titles, headings, and CTAs.',
  consistent: 'Use consistent capitalization throughout each flow.',
  emoji: 'Always consider the context of the content when using emojis',
  ctaNoEmoji: 'Text on the CTA button … (no emoji)',
} as const;
