import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, checkConfig, findConfigFile, formatIssue, loadConfig, looksLikeSecret, parseConfigText } from './config.js';
import { defineConfig } from './types.js';

const VALID = {
  flows: [{ name: 'Feedback', file: 'flows/feedback.json', categories: ['SURVEY'] }],
  templates: [{ name: 'visit_feedback', language: 'en_US', category: 'MARKETING', body: 'How did we do?', button: { text: 'Rate us', flow: 'Feedback' } }],
  environments: {
    sandbox: {
      provider: '360dialog',
      baseUrl: '${WAFLOW_SANDBOX_URL:-http://127.0.0.1:4010}/cloud',
      apiKeyEnv: 'D360_API_KEY',
      partner: { partnerId: 'waflowPA', wabaAccountId: '${D360_WABA_ACCOUNT_ID}', apiKeyEnv: 'D360_PARTNER_API_KEY' },
    },
    hub: { provider: '360dialog-partner', partnerId: 'waflowPA', wabaAccountId: 'abc', username: 'me@example.com', passwordEnv: 'HUB_PASSWORD' },
    production: { provider: 'meta', accessTokenEnv: 'WHATSAPP_ACCESS_TOKEN', wabaId: '1234', phoneNumberId: '5678' },
  },
  validate: { style: true, rules: { 'style/sentence-case': 'off' } },
};

/** Issues of a config object, as `path: message`. */
function issues(value: unknown): string[] {
  return checkConfig(value).map((i) => `${i.path}: ${i.message}`);
}

function errorOf(text: string): ConfigError {
  try {
    parseConfigText(text);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('checkConfig', () => {
  it('accepts a complete config of every provider, and keeps the validate section', () => {
    expect(issues(VALID)).toEqual([]);
    const config = parseConfigText(JSON.stringify(VALID));
    expect(config.validate).toEqual({ style: true, rules: { 'style/sentence-case': 'off' } });
    expect(defineConfig(config)).toBe(config);
  });

  it('names unknown fields by path, with a suggestion', () => {
    const found = issues({ ...VALID, flows: [{ name: 'Feedback', file: 'a.json', categories: ['SURVEY'], endpointUrl: 'https://x.test' }] });
    expect(found).toEqual(['flows[0].endpointUrl: unknown field "endpointUrl" in a flow (did you mean "endpointUri"?); known fields: name, file, categories, endpointUri.']);
  });

  it('refuses secrets: a secret-holding field, a key in an *Env field, a key-shaped id, a URL with credentials', () => {
    const key = 'sbx_Q2hhbmdlTWVQbGVhc2UxMjM0NTY3OA';
    const config = structuredClone(VALID) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    config.environments.sandbox.apiKey = key;
    config.environments.sandbox.partner.apiKeyEnv = key;
    config.environments.production.wabaId = 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z';
    config.environments.production.baseUrl = 'https://user:pw@graph.example.com';
    const found = issues(config);
    expect(found).toContainEqual(expect.stringMatching(/^environments\.sandbox\.apiKey: "apiKey" would put a secret in the config.*"apiKeyEnv": "D360_API_KEY"/));
    expect(found).toContainEqual(expect.stringMatching(/^environments\.sandbox\.partner\.apiKeyEnv: looks like the partner API key itself\. Put the NAME of an environment variable here/));
    expect(found).toContainEqual(expect.stringMatching(/^environments\.production\.wabaId: looks like a key or token/));
    expect(found).toContainEqual(expect.stringMatching(/^environments\.production\.baseUrl: must not carry a user name or password/));
    // The secret itself is never echoed.
    expect(found.join('\n')).not.toContain(key);
    expect(found.join('\n')).not.toContain('Ab3dEf6h');
  });

  it('checks env variable names, interpolation syntax and sign-in', () => {
    const config = structuredClone(VALID) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    config.environments.sandbox.apiKeyEnv = 'd360 key';
    config.environments.sandbox.partner.wabaAccountId = '${D360_WABA_ACCOUNT_ID';
    config.environments.hub.apiKeyEnv = 'HUB_KEY';
    const found = issues(config);
    expect(found).toContain('environments.sandbox.apiKeyEnv: must be the name of an environment variable: upper case letters, digits and _ (e.g. "D360_API_KEY").');
    expect(found).toContain('environments.sandbox.partner.wabaAccountId: has a "${" without its closing "}"');
    expect(found).toContain('environments.hub: give only one way to sign in to the Partner API; got apiKeyEnv and username.');
  });

  it('checks flows, categories and the templates\' FLOW buttons', () => {
    const found = issues({
      ...VALID,
      flows: [
        { name: 'Feedback', file: '/abs/feedback.json', categories: ['SURVY'] },
        { name: 'Feedback', file: 'b.json', categories: [] },
      ],
      templates: [{ name: 'Visit Feedback', language: 'en_US', category: 'PROMO', body: 'x', button: { text: 'A button text that is far too long', flow: 'Feedbak', action: 'data_exchange', screen: 'RATE' } }],
    });
    expect(found).toEqual([
      'flows[0].file: must be relative to the config file, so the project works on every machine.',
      'flows[0].categories[0]: unknown category "SURVY" (did you mean "SURVEY"?); one of SIGN_UP, SIGN_IN, APPOINTMENT_BOOKING, LEAD_GENERATION, CONTACT_US, CUSTOMER_SUPPORT, SURVEY, OTHER.',
      'flows[1].name: another flow is already called "Feedback": flow names are unique per WhatsApp Business Account.',
      'flows[1].categories: must be a non-empty list of SIGN_UP, SIGN_IN, APPOINTMENT_BOOKING, LEAD_GENERATION, CONTACT_US, CUSTOMER_SUPPORT, SURVEY, OTHER.',
      'templates[0].name: may hold only lower case letters, digits and _ (WhatsApp template names), at most 512.',
      'templates[0].category: must be one of MARKETING, UTILITY, AUTHENTICATION.',
      'templates[0].button.text: is 34 characters; a button text may have 25.',
      'templates[0].button.flow: names no flow of this config (did you mean "Feedback"?); flows: "Feedback", "Feedback".',
      'templates[0].button.screen: goes with "action": "navigate" only: with data_exchange the endpoint picks the first screen.',
    ]);
  });

  it('needs flows and at least one environment; defaultEnvironment must name one', () => {
    expect(issues({ environments: {}, defaultEnvironment: 'prod' })).toEqual([
      ': "flows" is required: a list of { "name", "file", "categories" } (it may be empty).',
      'environments: must be an object with at least one environment by name: { "sandbox": { "provider": ... } }.',
      'defaultEnvironment: must name an environment of this config: (none).',
    ]);
    expect(issues({ flows: [], environments: { x: { provider: 'twilio' } } })).toEqual(['environments.x.provider: "provider" must be one of "360dialog", "360dialog-partner", "meta".']);
  });
});

describe('parseConfigText', () => {
  it('gives each problem its JSON path, line and column', () => {
    const text = `{
  "flows": [
    { "name": "Feedback", "file": "flows/feedback.json", "categories": ["SURVEY", "SURVEY"] }
  ],
  "environments": {
    "sandbox": {
      "provider": "meta",
      "accessToken": "EAAG1234567890abcdefghijklmnopqrstuv",
      "wabaId": "1",
      "phoneNumberId": "2"
    }
  }
}`;
    const error = errorOf(text);
    expect(error.issues.map((i) => [i.path, i.range?.start.line, i.range?.start.column])).toEqual([
      ['flows[0].categories[1]', 3, 83],
      ['environments.sandbox.accessToken', 8, 22],
      ['environments.sandbox', 6, 16],
    ]);
    expect(error.issues[2]?.message).toBe('"accessTokenEnv" is required: the name of the environment variable that holds the Graph API access token.');
    expect(formatIssue('waflow.config.json', error.issues[0]!)).toBe('waflow.config.json:3:83 error flows[0].categories[1]: "SURVEY" is listed twice.');
    expect(error.message).not.toContain('EAAG1234567890');
  });

  it('reports JSON syntax errors with their position', () => {
    const error = errorOf('{\n  "flows": [,]\n}');
    expect(error.issues[0]?.range?.start).toEqual({ line: 2, column: 13 });
    expect(error.issues[0]?.message).toMatch(/^not valid JSON: /);
  });
});

describe('looksLikeSecret', () => {
  it('tells keys from names, ids and URLs', () => {
    for (const secret of ['sbx_abcDEF123456789xyz', 'EAAGm0PX4ZCpsBAKZCZB1234567890abcdef', 'Zm9vYmFyQmF6UXV4MTIzNDU2Nzg5MA', '-----BEGIN RSA PRIVATE KEY-----']) expect(looksLikeSecret(secret)).toBe(true);
    for (const plain of ['D360_API_KEY', 'waflowPA', '102290129340398', 'sbx4f3a9b2c1d0e', 'https://graph.facebook.com', 'flows/feedback.json', 'Feedback form']) expect(looksLikeSecret(plain)).toBe(false);
  });
});

describe('loadConfig and findConfigFile', () => {
  const root = mkdtempSync(join(tmpdir(), 'waflow-config-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('finds the config in a parent folder and loads JSON with positions', async () => {
    const dir = join(root, 'json');
    mkdirSync(join(dir, 'flows', 'deep'), { recursive: true });
    writeFileSync(join(dir, 'waflow.config.json'), JSON.stringify(VALID, null, 2));
    const file = findConfigFile(join(dir, 'flows', 'deep'));
    expect(file).toBe(join(dir, 'waflow.config.json'));
    const loaded = await loadConfig(file!);
    expect(loaded.dir).toBe(dir);
    expect(loaded.config.flows[0]?.name).toBe('Feedback');
    expect(loaded.text).toContain('"Feedback"');
  });

  it('loads a .ts config through its default export (defineConfig), checked by path', async () => {
    const dir = join(root, 'ts');
    mkdirSync(dir, { recursive: true });
    const source = (config: unknown) => `import { defineConfig } from ${JSON.stringify(join(import.meta.dirname, 'types.ts'))};\nexport default defineConfig(${JSON.stringify(config)});\n`;
    writeFileSync(join(dir, 'waflow.config.ts'), source(VALID));
    expect((await loadConfig(join(dir, 'waflow.config.ts'))).config.environments.production?.provider).toBe('meta');
    writeFileSync(join(dir, 'broken.config.ts'), source({ ...VALID, flows: 'none' }));
    await expect(loadConfig(join(dir, 'broken.config.ts'))).rejects.toThrow('broken.config.ts error flows: must be a list of flows');
  });

  it('refuses two project files in one folder', () => {
    const dir = join(root, 'both');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'waflow.config.json'), '{}');
    writeFileSync(join(dir, 'waflow.config.ts'), 'export default {}');
    expect(() => findConfigFile(dir)).toThrow(/holds waflow\.config\.json and waflow\.config\.ts: keep one project file/);
  });
});
