// No thrown error, whatever the failure, may carry a passphrase, PEM text or key bytes.
import { describe, expect, it } from 'vitest';
import { Buffer } from 'node:buffer';
import { createPrivateKey } from 'node:crypto';
import { inspect } from 'node:util';
import { withBackend } from './backend-test-kit.js';
import { DataChannelError, decryptRequest, decryptResponse, encryptRequest, encryptResponse, generateKeyPair, loadPrivateKey, loadPublicKey } from './index.js';

const PASSPHRASE = 'Sup3r-Secret-Passphrase!';

async function caught(promise: Promise<unknown>): Promise<DataChannelError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DataChannelError);
  return error as DataChannelError;
}

/** No error shows the passphrase, a line of a PEM body, the AES key, a PEM header or a cause. */
function expectNoSecrets(errors: readonly Error[], bodyLines: readonly string[], aesKey: Uint8Array): void {
  const secrets = [PASSPHRASE, ...bodyLines.map((l) => l.slice(0, 24)), Buffer.from(aesKey).toString('hex'), Buffer.from(aesKey).toString('base64').slice(0, 16)];
  for (const error of errors) {
    const shown = `${error.message}\n${error.stack ?? ''}\n${inspect(error)}\n${JSON.stringify(error)}`;
    for (const secret of secrets) expect(shown).not.toContain(secret);
    expect(shown).not.toContain('-----BEGIN');
    expect(error).not.toHaveProperty('cause');
  }
}

describe('errors never carry secrets', () => {
  it('holds for every failure path of keys, requests and responses', async () => {
    const { privateKeyPem, publicKeyPem } = await generateKeyPair({ passphrase: PASSPHRASE });
    const privateKey = await loadPrivateKey(privateKeyPem, PASSPHRASE);
    const { envelope, aesKey, iv } = await encryptRequest({ version: '3.0', action: 'ping' }, await loadPublicKey(publicKeyPem));
    const bodyLines = privateKeyPem.split('\n').filter((line) => /^[A-Za-z0-9+/=]{40,}$/.test(line));
    expect(bodyLines.length).toBeGreaterThan(10);

    const errors = [
      await caught(loadPrivateKey(privateKeyPem)),
      await caught(loadPrivateKey(privateKeyPem, `${PASSPHRASE}x`)),
      await caught(loadPrivateKey(privateKeyPem.replace(bodyLines[3] ?? '', 'A'.repeat(64)), PASSPHRASE)),
      await caught(loadPrivateKey(privateKeyPem.replace('RSA PRIVATE', 'DSA PRIVATE'), PASSPHRASE)),
      await caught(loadPublicKey(privateKeyPem)),
      await caught(generateKeyPair({ passphrase: 'abc', modulusLength: 2048 })),
      await caught(decryptRequest({ ...envelope, encrypted_aes_key: Buffer.from('junk').toString('base64') }, privateKey)),
      await caught(decryptRequest({ ...envelope, encrypted_flow_data: Buffer.alloc(40).toString('base64') }, privateKey)),
      await caught(decryptResponse(await encryptResponse({ a: 1 }, aesKey, iv), aesKey, new Uint8Array(16))),
    ];
    expectNoSecrets(errors, bodyLines, aesKey);
  });
});

describe('errors never carry secrets on the WebCrypto backend', () => {
  withBackend('web');

  it('holds for encrypted, damaged and mislabelled keys, and for bad requests and responses', async () => {
    const { privateKeyPem: encryptedPem, publicKeyPem } = await generateKeyPair({ passphrase: PASSPHRASE });
    const plainPem = createPrivateKey({ key: encryptedPem, passphrase: PASSPHRASE }).export({ type: 'pkcs8', format: 'pem' }).toString();
    const privateKey = await loadPrivateKey(plainPem);
    const { envelope, aesKey, iv } = await encryptRequest({ version: '3.0', action: 'ping' }, await loadPublicKey(publicKeyPem));
    const bodyLines = [...encryptedPem.split('\n'), ...plainPem.split('\n')].filter((line) => /^[A-Za-z0-9+/=]{40,}$/.test(line));

    const errors = [
      await caught(loadPrivateKey(encryptedPem, PASSPHRASE)),
      await caught(loadPrivateKey(encryptedPem)),
      await caught(loadPrivateKey(plainPem.replace(bodyLines.at(-3) ?? '', 'A'.repeat(64)))),
      await caught(loadPrivateKey(plainPem.replace(/\n[A-Za-z0-9+/]{8}/, '\n!!!!!!!!'))),
      await caught(loadPrivateKey(plainPem.replace('BEGIN PRIVATE', 'BEGIN DSA PRIVATE'))),
      await caught(loadPublicKey(plainPem)),
      await caught(decryptRequest({ ...envelope, encrypted_aes_key: Buffer.from('junk').toString('base64') }, privateKey)),
      await caught(decryptRequest({ ...envelope, encrypted_flow_data: Buffer.alloc(40).toString('base64') }, privateKey)),
      await caught(decryptResponse(await encryptResponse({ a: 1 }, aesKey, iv), aesKey, new Uint8Array(16))),
    ];
    expectNoSecrets(errors, bodyLines, aesKey);
  });
});
