// The endpoint every runtime serves: the same handlers and keys, imported from the package by
// its public subpaths, as a user's server would. Besides the Flows endpoint (POST /, and
// POST /pkcs8 for the same key in PKCS#8 form) it answers three probes for the test:
// GET /__runtime (which crypto backend the data channel chose), GET /__encrypted-key (what
// loading a passphrase-protected PEM does here) and GET /__core (the validator and the headless
// runtime, waflow/flow-json and waflow/runtime, on this runtime).
/* global Bun, Deno, navigator, Response */
import { complete, createFlowEndpoint, nextScreen } from 'waflow/endpoint';
import { activeCryptoBackend, loadPrivateKey } from 'waflow/data-channel';
import { validateFlow } from 'waflow/flow-json';
import { startFlow } from 'waflow/runtime';

// One screen: a required name, then complete with it.
const FLOW = {
  version: '7.3',
  screens: [
    {
      id: 'NAME',
      title: 'Your name',
      terminal: true,
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'TextInput', name: 'name', label: 'Name', required: true },
          { type: 'Footer', label: 'Done', 'on-click-action': { name: 'complete', payload: { name: '${form.name}' } } },
        ],
      },
    },
  ],
};

/** Validates FLOW (and a broken copy), then runs it headlessly to its completion. */
async function core() {
  const valid = validateFlow(JSON.stringify(FLOW, null, 2));
  const broken = validateFlow('{\n  "version": "7.3",\n  "screens": [\n    { "id": "NAME" }\n  ]\n}');
  const session = await startFlow({ flow: FLOW, flowToken: 'core-probe', mode: { action: 'navigate' } });
  const refused = (await session.submit()).ok;
  session.setValue('name', 'Ana');
  await session.submit();
  const first = broken.diagnostics[0];
  return { valid: valid.valid, broken: { valid: broken.valid, code: first?.code, line: first?.range?.start.line }, refused, completion: session.completion };
}

const handlers = {
  init: () => nextScreen('WELCOME', { greeting: 'hello' }),
  dataExchange: {
    WELCOME: (ctx) => nextScreen('CONFIRM', { name: String(ctx.data.name ?? '') }),
    CONFIRM: (ctx) => complete({ name: String(ctx.data.name ?? '') }),
  },
};

function runtimeName() {
  if (typeof Bun !== 'undefined') return `bun ${Bun.version}`;
  if (typeof Deno !== 'undefined') return `deno ${Deno.version.deno}`;
  if (typeof navigator !== 'undefined' && navigator.userAgent === 'Cloudflare-Workers') return 'workerd';
  if (typeof process !== 'undefined' && process.versions?.node) return `node ${process.versions.node}`;
  return 'unknown';
}

/** `secret(name)` reads one secret (environment variable or worker binding). */
export function createApp(secret) {
  const endpoint = (privateKey) => createFlowEndpoint({ privateKey, appSecret: secret('APP_SECRET'), handlers });
  const routes = { '/': endpoint(secret('PRIVATE_KEY')), '/pkcs8': endpoint(secret('PRIVATE_KEY_PKCS8')) };
  return async (request) => {
    const { pathname } = new URL(request.url);
    if (request.method === 'POST' && Object.hasOwn(routes, pathname)) return routes[pathname](request);
    if (pathname === '/__runtime') {
      return Response.json({ runtime: runtimeName(), backend: await activeCryptoBackend(), hasProcess: typeof process !== 'undefined' });
    }
    if (pathname === '/__core') return Response.json(await core());
    if (pathname === '/__encrypted-key') {
      try {
        await loadPrivateKey(secret('ENCRYPTED_PRIVATE_KEY'), secret('KEY_PASSPHRASE'));
        return Response.json({ loaded: true });
      } catch (error) {
        return Response.json({ loaded: false, name: error?.name, code: error?.code, message: error?.message });
      }
    }
    return new Response('not found', { status: 404 });
  };
}
