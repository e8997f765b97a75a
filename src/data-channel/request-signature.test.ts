import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { signRequestBody, verifyRequestSignature } from './request-signature.js';

const SECRET = 'app-secret-for-tests';
const BODY = '{"encrypted_flow_data":"AAAA","encrypted_aes_key":"BBBB","initial_vector":"CCCC"}';

describe('X-Hub-Signature-256 on endpoint requests', () => {
  it('signs as sha256=<hex HMAC of the raw body> and verifies it', () => {
    const header = signRequestBody(BODY, SECRET);
    expect(header).toBe(`sha256=${createHmac('sha256', SECRET).update(BODY).digest('hex')}`);
    expect(verifyRequestSignature(BODY, header, SECRET)).toBe(true);
    expect(verifyRequestSignature(new TextEncoder().encode(BODY), header.toUpperCase().replace('SHA256=', 'sha256='), SECRET)).toBe(true);
  });

  it('rejects another body, another secret, a missing or malformed header', () => {
    const header = signRequestBody(BODY, SECRET);
    expect(verifyRequestSignature(`${BODY} `, header, SECRET)).toBe(false);
    expect(verifyRequestSignature(BODY, header, 'other')).toBe(false);
    expect(verifyRequestSignature(BODY, undefined, SECRET)).toBe(false);
    expect(verifyRequestSignature(BODY, header.replace('sha256=', 'sha1='), SECRET)).toBe(false);
    expect(verifyRequestSignature(BODY, header.slice(0, -2), SECRET)).toBe(false);
  });
});
