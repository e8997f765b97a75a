import { describe, expect, it } from 'vitest';
import { EnvironmentError, pickEnvironment, resolveEnvironment } from './environment.js';
import { interpolate, references } from './interpolate.js';
import type { WaflowConfig } from './types.js';

const CONFIG: WaflowConfig = {
  flows: [],
  environments: {
    sandbox: {
      provider: '360dialog',
      baseUrl: '${WAFLOW_SANDBOX_URL:-http://127.0.0.1:4010}/cloud',
      apiKeyEnv: 'D360_API_KEY',
      partner: { baseUrl: '${WAFLOW_SANDBOX_URL:-http://127.0.0.1:4010}/hub/api/v2', partnerId: '${D360_PARTNER_ID:-waflowPA}', wabaAccountId: '${D360_WABA_ACCOUNT_ID}', apiKeyEnv: 'D360_PARTNER_API_KEY' },
    },
    hub: { provider: '360dialog-partner', partnerId: 'p1PA', wabaAccountId: 'w1', username: 'me@example.com', passwordEnv: 'HUB_PASSWORD', timeoutMs: 5000 },
    production: { provider: 'meta', accessTokenEnv: 'WHATSAPP_ACCESS_TOKEN', wabaId: '${WABA_ID}', phoneNumberId: '42', graphVersion: 'v23.0' },
  },
};

const SECRET = 'sbx_the-secret-value-123456';

describe('interpolation', () => {
  it('reads ${NAME} and ${NAME:-default}; an empty variable takes the default', () => {
    expect(interpolate('${A}/x/${B:-b}', { A: 'a' })).toEqual({ ok: true, value: 'a/x/b' });
    expect(interpolate('${B:-b}', { B: '' })).toEqual({ ok: true, value: 'b' });
    expect(interpolate('${A}', {})).toEqual({ ok: false, missing: 'A' });
    expect(references('${lower}')).toMatch(/NAME in upper case/);
  });
});

describe('resolveEnvironment', () => {
  it('builds the 360dialog options from the variables the config names', () => {
    const env = { D360_API_KEY: SECRET, D360_PARTNER_API_KEY: 'pk', D360_WABA_ACCOUNT_ID: 'sbx1', WAFLOW_SANDBOX_URL: 'http://127.0.0.1:9999' };
    const resolved = resolveEnvironment(CONFIG, 'sandbox', env);
    expect(resolved).toMatchObject({ provider: '360dialog', flows: true, templates: true, where: 'http://127.0.0.1:9999/cloud, flows: http://127.0.0.1:9999/hub/api/v2' });
    expect(resolved.options).toEqual({
      provider: '360dialog',
      apiKey: SECRET,
      baseUrl: 'http://127.0.0.1:9999/cloud',
      partner: { partnerId: 'waflowPA', wabaAccountId: 'sbx1', apiKey: 'pk', baseUrl: 'http://127.0.0.1:9999/hub/api/v2' },
    });
    expect(resolved.where).not.toContain(SECRET);
  });

  it('builds Partner API (user and password) and Meta options', () => {
    expect(resolveEnvironment(CONFIG, 'hub', { HUB_PASSWORD: 'pw' })).toMatchObject({
      flows: true,
      templates: false,
      options: { provider: '360dialog-partner', partnerId: 'p1PA', wabaAccountId: 'w1', username: 'me@example.com', password: 'pw', timeoutMs: 5000 },
    });
    expect(resolveEnvironment(CONFIG, 'production', { WHATSAPP_ACCESS_TOKEN: 't', WABA_ID: '7' }).options).toEqual({ provider: 'meta', accessToken: 't', wabaId: '7', phoneNumberId: '42', graphVersion: 'v23.0' });
  });

  it('names a missing variable and the field that wants it', () => {
    expect(() => resolveEnvironment(CONFIG, 'sandbox', { D360_PARTNER_API_KEY: 'pk', D360_WABA_ACCOUNT_ID: 'x' })).toThrow(
      'environment "sandbox": the environment variable D360_API_KEY is not set; it holds the number\'s D360-API-KEY (apiKeyEnv). Set it in your shell or CI (export D360_API_KEY=...); waflow never reads credentials from the config.',
    );
    expect(() => resolveEnvironment(CONFIG, 'sandbox', { D360_API_KEY: SECRET, D360_PARTNER_API_KEY: 'pk' })).toThrow(
      'environment "sandbox": partner.wabaAccountId reads the environment variable D360_WABA_ACCOUNT_ID, which is not set. Set it (export D360_WABA_ACCOUNT_ID=...), or give a default in the config: ${D360_WABA_ACCOUNT_ID:-value}.',
    );
    const missingId = (): unknown => resolveEnvironment(CONFIG, 'production', { WHATSAPP_ACCESS_TOKEN: SECRET });
    expect(missingId).toThrow(EnvironmentError);
    expect(missingId).toThrow(/wabaId reads the environment variable WABA_ID/);
    expect(missingId).not.toThrow(SECRET);
  });
});

describe('pickEnvironment', () => {
  it('takes --env, else defaultEnvironment, else sandbox, else the only one', () => {
    expect(pickEnvironment(CONFIG, 'production')).toBe('production');
    expect(pickEnvironment({ ...CONFIG, defaultEnvironment: 'hub' }, undefined)).toBe('hub');
    expect(pickEnvironment(CONFIG, undefined)).toBe('sandbox');
    expect(pickEnvironment({ flows: [], environments: { prod: CONFIG.environments.production! } }, undefined)).toBe('prod');
    expect(() => pickEnvironment(CONFIG, 'prod')).toThrow('the config has no environment "prod"; its environments: "sandbox", "hub", "production".');
    expect(() => pickEnvironment({ flows: [], environments: { a: CONFIG.environments.hub!, b: CONFIG.environments.hub! } }, undefined)).toThrow(/choose one with --env NAME/);
  });
});
