import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BACKENDS, withBackend } from './backend-test-kit.js';
import { signRequestBody, verifyRequestSignature } from './request-signature.js';

const SECRET = 'app-secret-123';
const BODY = '{"encrypted_flow_data":"abc","encrypted_aes_key":"def","initial_vector":"ghi"}';

describe.each(BACKENDS)('X-Hub-Signature-256 with the %s crypto backend', (backend) => {
  withBackend(backend);

  it('verifies a signature over the raw body, string or bytes, hex in any case', async () => {
    const header = await signRequestBody(BODY, SECRET);
    expect(header).toBe(`sha256=${createHmac('sha256', SECRET).update(BODY).digest('hex')}`);
    expect(await verifyRequestSignature(BODY, header, SECRET)).toBe(true);
    expect(await verifyRequestSignature(new TextEncoder().encode(BODY), header.toUpperCase().replace('SHA256=', 'sha256='), SECRET)).toBe(true);
  });

  it('hashes strings as UTF-8, as the bytes on the wire are', async () => {
    const body = '{"ü":"tök-ñ ✓"}';
    expect(await signRequestBody(body, 'sëcret')).toBe(await signRequestBody(new TextEncoder().encode(body), 'sëcret'));
    expect(await signRequestBody(body, 'sëcret')).toBe(`sha256=${createHmac('sha256', 'sëcret').update(body).digest('hex')}`);
  });

  it('rejects a changed body, another secret, a missing header and malformed headers', async () => {
    const header = await signRequestBody(BODY, SECRET);
    expect(await verifyRequestSignature(`${BODY} `, header, SECRET)).toBe(false);
    expect(await verifyRequestSignature(BODY, header, 'other')).toBe(false);
    expect(await verifyRequestSignature(BODY, undefined, SECRET)).toBe(false);
    expect(await verifyRequestSignature(BODY, null, SECRET)).toBe(false);
    expect(await verifyRequestSignature(BODY, header.replace('sha256=', 'sha1='), SECRET)).toBe(false);
    expect(await verifyRequestSignature(BODY, header.slice(0, -2), SECRET)).toBe(false);
    expect(await verifyRequestSignature(BODY, `${header}00`, SECRET)).toBe(false);
    expect(await verifyRequestSignature(BODY, header.replace(/.$/, 'g'), SECRET)).toBe(false);
  });

  it('refuses an empty app secret instead of verifying against it', async () => {
    await expect(verifyRequestSignature(BODY, 'sha256=00', '')).rejects.toThrow(/appSecret/);
    await expect(signRequestBody(BODY, '')).rejects.toThrow(/appSecret/);
  });
});
