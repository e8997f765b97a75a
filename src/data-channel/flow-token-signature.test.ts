import { beforeAll, describe, expect, it } from 'vitest';
import { Buffer } from 'node:buffer';
import { createHmac } from 'node:crypto';
import { BACKENDS, withBackend } from './backend-test-kit.js';
import { signFlowToken, verifyFlowTokenSignature } from './flow-token-signature.js';

const APP_SECRET = 'f3c1d2e4a5b6c7d8e9f0a1b2c3d4e5f6';
const NOW = 1_790_000_000;

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe.each(BACKENDS)('flow token signature (Data API 4.0) with the %s crypto backend', (backend) => {
  withBackend(backend);

  it('accepts what the platform signer produces and returns the claims', async () => {
    const signature = await signFlowToken({ flowToken: 'tok-1', appSecret: APP_SECRET, issuedAt: NOW, expiresIn: 3600 });
    const result = await verifyFlowTokenSignature({ flowToken: 'tok-1', signature, appSecret: APP_SECRET, now: NOW + 10 });
    expect(result).toEqual({ valid: true, claims: { flow_token: 'tok-1', iat: NOW, exp: NOW + 3600 } });
  });

  it('produces a standard HS256 JWT (checked by recomputing the HMAC by hand)', async () => {
    const signature = await signFlowToken({ flowToken: 'tok-1', appSecret: APP_SECRET, issuedAt: NOW });
    const [header = '', claims = '', mac = ''] = signature.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(JSON.parse(Buffer.from(claims, 'base64url').toString())).toEqual({ flow_token: 'tok-1', iat: NOW });
    expect(mac).toBe(createHmac('sha256', APP_SECRET).update(`${header}.${claims}`).digest('base64url'));
  });

  it('accepts a JWT built independently of signFlowToken', async () => {
    const input = `${b64url({ typ: 'JWT', alg: 'HS256' })}.${b64url({ flow_token: 'abc', iat: NOW, extra: 1 })}`;
    const signature = `${input}.${createHmac('sha256', APP_SECRET).update(input).digest('base64url')}`;
    expect((await verifyFlowTokenSignature({ flowToken: 'abc', signature, appSecret: APP_SECRET, now: NOW })).valid).toBe(true);
  });

  let good: string;
  beforeAll(async () => {
    good = await signFlowToken({ flowToken: 'tok-1', appSecret: APP_SECRET, issuedAt: NOW, expiresIn: 600 });
  });
  const verify = (signature: string | undefined, extra: { flowToken?: string; appSecret?: string; now?: number } = {}) =>
    verifyFlowTokenSignature({ flowToken: 'tok-1', signature, appSecret: APP_SECRET, now: NOW, ...extra });

  it('MISSING when the request carries no signature', async () => {
    expect(await verify(undefined)).toEqual({ valid: false, reason: 'MISSING' });
    expect(await verify('')).toEqual({ valid: false, reason: 'MISSING' });
  });

  it('BAD_SIGNATURE with another app secret or a tampered MAC', async () => {
    expect(await verify(good, { appSecret: 'another-secret' })).toEqual({ valid: false, reason: 'BAD_SIGNATURE' });
    const mac = good.split('.')[2] ?? '';
    const tampered = `${good.slice(0, good.length - mac.length)}${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`;
    expect(await verify(tampered)).toEqual({ valid: false, reason: 'BAD_SIGNATURE' });
  });

  it('BAD_SIGNATURE for a non-canonical MAC that decodes to the right bytes', async () => {
    // 32 bytes are 43 base64url characters; the last one carries 2 unused bits.
    const mac = good.split('.')[2] ?? '';
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sibling = alphabet[alphabet.indexOf(mac.at(-1) ?? 'A') ^ 1] ?? 'A';
    const loose = `${good.slice(0, -1)}${sibling}`;
    expect(Buffer.from(loose.split('.')[2] ?? '', 'base64url').equals(Buffer.from(mac, 'base64url'))).toBe(true);
    expect(await verify(loose)).toEqual({ valid: false, reason: 'BAD_SIGNATURE' });
  });

  it('BAD_SIGNATURE when the claims are swapped for another token while keeping the MAC', async () => {
    const [header, , mac] = good.split('.');
    const forged = `${header}.${b64url({ flow_token: 'victim', iat: NOW })}.${mac}`;
    expect(await verify(forged, { flowToken: 'victim' })).toEqual({ valid: false, reason: 'BAD_SIGNATURE' });
  });

  it('TOKEN_MISMATCH when a valid signature names another flow token (replay across sessions)', async () => {
    expect(await verify(good, { flowToken: 'tok-2' })).toEqual({ valid: false, reason: 'TOKEN_MISMATCH' });
    const input = `${b64url({ alg: 'HS256' })}.${b64url({ iat: NOW })}`;
    const noToken = `${input}.${createHmac('sha256', APP_SECRET).update(input).digest('base64url')}`;
    expect(await verify(noToken)).toEqual({ valid: false, reason: 'TOKEN_MISMATCH' });
  });

  it('EXPIRED after exp plus the clock skew, NOT_YET_VALID when issued in the future', async () => {
    expect((await verify(good, { now: NOW + 600 + 299 })).valid).toBe(true);
    expect(await verify(good, { now: NOW + 600 + 301 })).toEqual({ valid: false, reason: 'EXPIRED' });
    expect(await verify(good, { now: NOW - 301 })).toEqual({ valid: false, reason: 'NOT_YET_VALID' });
  });

  it('UNSUPPORTED_ALG for alg none or another algorithm, even with a matching HMAC', async () => {
    for (const alg of ['none', 'HS512', 'RS256']) {
      const input = `${b64url({ alg })}.${b64url({ flow_token: 'tok-1' })}`;
      const signature = `${input}.${createHmac('sha256', APP_SECRET).update(input).digest('base64url')}`;
      expect(await verify(signature)).toEqual({ valid: false, reason: 'UNSUPPORTED_ALG' });
    }
  });

  it('MALFORMED for anything that is not a three-part JWS with JSON objects', async () => {
    for (const bad of ['abc', 'a.b', 'a.b.c.d', `${b64url([1])}.${b64url({})}.AAAA`, `${b64url({ alg: 'HS256' })}.!!!.AAAA`, `${b64url({ alg: 'HS256' })}.${b64url({})}.a+b/`]) {
      expect(await verify(bad)).toEqual({ valid: false, reason: 'MALFORMED' });
    }
  });

  it('refuses an empty app secret instead of verifying against it', async () => {
    await expect(verify(good, { appSecret: '' })).rejects.toThrow(/appSecret/);
    await expect(signFlowToken({ flowToken: 't', appSecret: '' })).rejects.toThrow(/appSecret/);
  });
});
