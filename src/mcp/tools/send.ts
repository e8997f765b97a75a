// `send`: `waflow send --flow ... --draft` through a configured environment: the flow's draft as an
// interactive message to a (test) phone. Always a draft: publishing and templates stay a human's.
import { sendCommand } from '../../cli/commands/send.js';
import { ENV_INPUT, commandAnswer, configuredEnvironment, runCommand } from './environment.js';
import type { ToolDefinition } from './tool.js';

export const sendTool: ToolDefinition = {
  name: 'send',
  title: "Send a flow's draft to a phone",
  description:
    '`waflow send --draft`: sends the draft of a flow (deployed to the environment, not necessarily published) as an interactive flow message to a phone number, ' +
    "through an environment of the project's waflow.config.json, and returns the message id and the flow token. Refused when the project has no such environment. " +
    'With `waflow dev`, the message arrives on the simulated phone.',
  inputSchema: {
    type: 'object',
    properties: {
      env: ENV_INPUT,
      to: { type: 'string', pattern: '^\\+?[0-9 ()-]{6,24}$', description: "The recipient's phone number (digits, an optional leading +)." },
      flow: { type: 'string', minLength: 1, description: 'A flow of the config (by name), a flow name on the platform, or a flow id.' },
      screen: { type: 'string', description: "The screen the message opens (default: the flow's first)." },
      data: { type: 'object', description: 'The data that screen receives.' },
      action: { type: 'string', enum: ['navigate', 'data_exchange'], description: 'navigate (default) or data_exchange (the endpoint answers INIT).' },
      body: { type: 'string', minLength: 1, description: 'The message text.' },
      cta: { type: 'string', minLength: 1, maxLength: 20, description: 'The button text.' },
      token: { type: 'string', minLength: 1, description: 'The flow token (default: a new random one).' },
    },
    required: ['env', 'to', 'flow'],
    additionalProperties: false,
  },
  outputSchema: {
    type: 'object',
    properties: {
      ok: { type: 'boolean' },
      environment: { type: 'string' },
      provider: { type: 'string' },
      to: { type: 'string' },
      flowToken: { type: 'string', description: "Links the message, the endpoint's requests and the user's answer." },
      flow: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } }, required: ['id'] },
      mode: { type: 'string', const: 'draft' },
      action: { type: 'string' },
      screen: { type: 'string' },
      messageId: { type: 'string' },
    },
    required: ['ok', 'environment', 'to', 'flowToken', 'flow', 'mode', 'messageId'],
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async handle(args, context) {
    const env = await configuredEnvironment(context, String(args.env), 'send');
    const argv = ['--draft', '--json', '--env', env.name, '--config', env.project.file, '--to', String(args.to), '--flow', String(args.flow)];
    for (const name of ['screen', 'action', 'body', 'cta', 'token'] as const) if (typeof args[name] === 'string') argv.push(`--${name}`, args[name]);
    if (args.data !== undefined) argv.push('--data', JSON.stringify(args.data));
    const run = await runCommand(sendCommand, argv, context, env.secrets);
    return commandAnswer(run, 'send');
  },
};
