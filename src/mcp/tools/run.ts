// `run`: `waflow run`: the flow runs headlessly in the runtime every side shares, following a
// FlowTester script of steps, and answers with the transcript (each step's screen, components,
// errors, footer; the endpoint exchanges; the completion payload).
import { readFile } from 'node:fs/promises';
import { DataChannelError, loadPublicKey } from '../../data-channel/index.js';
import { parseJson } from '../../flow-json/parse/index.js';
import { STEP_KINDS, parseScript } from '../../testing/script.js';
import type { FlowTesterOptions } from '../../testing/flow-tester.js';
import { runFlowScript } from '../../cli/commands/run.js';
import { FLOW_INPUT, readFlowSource, resolveInside } from '../context.js';
import type { ToolContext } from '../context.js';
import { ToolInputError, answer, failure } from './tool.js';
import type { ToolDefinition } from './tool.js';

const COMPONENT = { type: 'object', properties: { type: { type: 'string' }, name: { type: 'string' }, label: { type: 'string' }, value: {} }, required: ['type'] };

async function endpointOf(context: ToolContext, endpoint: Record<string, unknown>): Promise<NonNullable<FlowTesterOptions['endpoint']>> {
  const keyFile = String(endpoint.publicKey);
  let publicKeyPem: string;
  try {
    publicKeyPem = await readFile(resolveInside(context, keyFile), 'utf8');
  } catch (error) {
    if (error instanceof ToolInputError) throw error;
    throw new ToolInputError(`cannot read the public key ${keyFile}: ${(error as { code?: string }).code ?? 'unreadable'}`);
  }
  try {
    await loadPublicKey(publicKeyPem);
  } catch (error) {
    // DataChannelError messages describe the PEM's kind, never its content.
    throw new ToolInputError(`endpoint.publicKey ${keyFile}: ${error instanceof DataChannelError ? error.message : 'not a usable public key'}`);
  }
  let url: URL;
  try {
    url = new URL(String(endpoint.url));
  } catch {
    throw new ToolInputError(`endpoint.url "${String(endpoint.url).slice(0, 200)}" is not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ToolInputError(`endpoint.url must be http or https, not ${url.protocol}`);
  return { url: url.href, publicKeyPem };
}

export const runTool: ToolDefinition = {
  name: 'run',
  title: 'Run a flow with a FlowTester script',
  description:
    'Runs a flow headlessly as a person would on the phone (`waflow run`), following a script of steps, and returns the transcript: ' +
    'what each step left on screen (components, field errors, footer), the endpoint exchanges and the completion payload. ' +
    'Steps, each an object with one key: {"fill": {"label or name": "text"}}, {"pick": {"field": "option title or id"}}, {"check": {"field": ["option"]}}, ' +
    '{"uncheck": {...}}, {"toggle": ["opt-in"]}, {"tap": "label"} or {"tap": null} for the Footer, {"back": true}, ' +
    '{"expect": {"screen": "ID", "fields": {...}, "completion": {...}}}. `ok` is false when a step failed; `failedStep` says which and its `error` why.',
  inputSchema: {
    type: 'object',
    properties: {
      ...FLOW_INPUT,
      steps: { type: 'array', items: { type: 'object' }, description: `The script: steps with one key each (${STEP_KINDS.join(', ')}).` },
      screen: { type: 'string', description: 'Start on this screen instead of the first (navigate mode).' },
      data: { type: 'object', description: 'Data for the first screen (navigate mode).' },
      init: { type: 'boolean', description: 'Start with an INIT request: the endpoint chooses the first screen (needs endpoint).' },
      flowToken: { type: 'string', minLength: 1, description: 'The flow token (default waflow-test-flow-token).' },
      endpoint: {
        type: 'object',
        description: "The flow's endpoint, called over HTTP and encrypted exactly as WhatsApp calls it.",
        properties: { url: { type: 'string' }, publicKey: { type: 'string', description: "The business public key PEM file, inside the server's folder." } },
        required: ['url', 'publicKey'],
        additionalProperties: false,
      },
    },
    required: ['steps'],
    additionalProperties: false,
  },
  outputSchema: {
    type: 'object',
    properties: {
      ok: { type: 'boolean', description: 'True when every step ran.' },
      failedStep: { type: 'integer' },
      steps: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            step: { type: 'integer' },
            action: { type: 'string' },
            input: {},
            screen: { type: 'string' },
            components: { type: 'array', items: COMPONENT },
            errors: { type: 'array', items: { type: 'object' } },
            footer: { type: 'object' },
            error: { type: 'string' },
          },
          required: ['step', 'action'],
        },
      },
      completion: { type: ['object', 'null'], description: 'The response_json the flow completed with, or null.' },
      exchanges: { type: 'array', items: { type: 'object' } },
    },
    required: ['ok', 'steps', 'completion', 'exchanges'],
  },
  annotations: { readOnlyHint: true, openWorldHint: false },
  async handle(args, context) {
    const source = await readFlowSource(context, args);
    const script = parseScript(args.steps);
    if (!script.ok) throw new ToolInputError(`steps: ${script.message}`);
    const parsed = parseJson(source.text);
    const syntax = parsed.diagnostics.find((d) => d.severity === 'error');
    if (syntax !== undefined) {
      const at = syntax.range === undefined ? '' : `:${syntax.range.start.line}:${syntax.range.start.column}`;
      throw new ToolInputError(`${source.name}${at}: invalid JSON: ${syntax.message}`);
    }
    const options: FlowTesterOptions = { flow: parsed.value, init: args.init === true };
    if (typeof args.flowToken === 'string') options.flowToken = args.flowToken;
    if (typeof args.screen === 'string') options.screen = args.screen;
    if (args.data !== undefined) options.data = args.data as Record<string, unknown>;
    if (args.endpoint !== undefined) options.endpoint = await endpointOf(context, args.endpoint as Record<string, unknown>);
    else if (options.init === true) throw new ToolInputError('init needs an endpoint: the endpoint chooses the first screen');
    const outcome = await runFlowScript(options, script.steps);
    if ('unrunnable' in outcome) return failure(`${source.name}: the flow cannot run: ${outcome.unrunnable}`);
    // JSON round trip: the transcript's optional fields are absent rather than undefined.
    return answer(JSON.parse(JSON.stringify(outcome.transcript)) as Record<string, unknown>);
  },
};
