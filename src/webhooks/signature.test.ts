import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhookBody, verifyWebhookSignature, webhookSignatureHeader } from './signature.js';

const SECRET = 'app-secret-0123456789abcdef';
const BODY = '{"object":"whatsapp_business_account","entry":[]}';

describe('verifyWebhookSignature', () => {
  it('matches the RFC 4231 HMAC-SHA256 test vector (case 2)', () => {
    expect(signWebhookBody('what do ya want for nothing?', 'Jefe')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('accepts a good signature over a string body and over the same bytes', () => {
    const header = `sha256=${createHmac('sha256', SECRET).update(BODY).digest('hex')}`;
    expect(verifyWebhookSignature(BODY, header, SECRET)).toBe(true);
    expect(verifyWebhookSignature(new TextEncoder().encode(BODY), header, SECRET)).toBe(true);
  });

  it('accepts upper-case hex', () => {
    expect(verifyWebhookSignature(BODY, webhookSignatureHeader(BODY, SECRET).toUpperCase().replace('SHA256=', 'sha256='), SECRET)).toBe(true);
  });

  it('rejects a body changed by one byte', () => {
    const header = webhookSignatureHeader(BODY, SECRET);
    expect(verifyWebhookSignature(BODY.replace('[]', '[ ]'), header, SECRET)).toBe(false);
  });

  it('rejects a signature made with another secret', () => {
    expect(verifyWebhookSignature(BODY, webhookSignatureHeader(BODY, 'other-secret'), SECRET)).toBe(false);
  });

  it('rejects a missing header', () => {
    expect(verifyWebhookSignature(BODY, null, SECRET)).toBe(false);
    expect(verifyWebhookSignature(BODY, undefined, SECRET)).toBe(false);
    expect(verifyWebhookSignature(BODY, '', SECRET)).toBe(false);
  });

  it('returns false, never throws, on malformed headers', () => {
    const hex = signWebhookBody(BODY, SECRET);
    const malformed = [
      hex, // no prefix
      `sha1=${hex}`,
      `sha256=${hex.slice(0, 63)}`, // odd length
      `sha256=${hex.slice(0, 62)}`, // too short
      `sha256=${hex}00`, // too long
      `sha256=${hex.slice(0, 63)}g`, // not hex
      `sha256 = ${hex}`,
      'sha256=',
      '=',
      `sha256=${hex},sha256=${hex}`,
    ];
    for (const header of malformed) expect(verifyWebhookSignature(BODY, header, SECRET), header).toBe(false);
  });

  it('returns false for an empty secret or a body of the wrong type', () => {
    expect(verifyWebhookSignature(BODY, webhookSignatureHeader(BODY, ''), '')).toBe(false);
    expect(verifyWebhookSignature(42 as unknown as string, webhookSignatureHeader(BODY, SECRET), SECRET)).toBe(false);
  });
});
