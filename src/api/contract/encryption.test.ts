import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkPublicKeyPem, getPublicKey, setPublicKey } from './encryption.js';

function rsaKeys(bits: number) {
  return generateKeyPairSync('rsa', { modulusLength: bits });
}

const keys2048 = rsaKeys(2048);
const spki = keys2048.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const pkcs1 = keys2048.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString();

function validateKey(publicKey: unknown) {
  return setPublicKey.validate({ params: {}, query: {}, body: { public_key: publicKey } }, 'cloud');
}

describe('business public key', () => {
  it('accepts a real 2048-bit RSA public key, SPKI or PKCS#1', () => {
    expect(checkPublicKeyPem(spki)).toBeUndefined();
    expect(checkPublicKeyPem(pkcs1)).toBeUndefined();
    expect(validateKey(spki)).toEqual([]);
  });

  it('rejects a 1024-bit key and says how long it is', () => {
    const small = rsaKeys(1024).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(checkPublicKeyPem(small)).toMatch(/2048-bit.*162 bytes/);
  });

  it('rejects a private key without echoing it', () => {
    const privatePem = keys2048.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const issues = validateKey(privatePem);
    expect(issues).toEqual([expect.objectContaining({ path: 'public_key', kind: 'invalid' })]);
    expect(issues[0]?.message).toContain('private key');
    const body = privatePem.split('\n')[1] as string;
    expect(issues[0]?.message).not.toContain(body);
  });

  it('rejects text that is not PEM, mismatched armour and a missing key', () => {
    expect(checkPublicKeyPem('ssh-rsa AAAAB3Nza')).toContain('PEM public key');
    expect(checkPublicKeyPem(spki.replace('END PUBLIC KEY', 'END RSA PUBLIC KEY'))).toContain('do not match');
    expect(validateKey(undefined)).toEqual([expect.objectContaining({ path: 'public_key', kind: 'missing' })]);
  });

  it("is served at the seed paths for both hosting types and at Meta's phone-number path", () => {
    expect(setPublicKey.path).toEqual({
      cloud: '/whatsapp_business_encryption',
      onPremise: '/v1/settings/business/whatsapp_business_encryption',
      meta: '/{phoneNumberId}/whatsapp_business_encryption',
    });
    expect(getPublicKey.path).toEqual(setPublicKey.path);
    expect([setPublicKey.method, getPublicKey.method]).toEqual(['POST', 'GET']);
  });
});
