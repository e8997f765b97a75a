// `deploy`: `waflow deploy --dry-run` against a configured environment: every flow of the project
// validated, what the platform holds read, and the plan (what a real deploy would create, upload,
// update), with nothing changed. A real deploy stays a human's command.
import { deployCommand } from '../../cli/commands/deploy.js';
import { ENV_INPUT, commandAnswer, configuredEnvironment, runCommand } from './environment.js';
import type { ToolDefinition } from './tool.js';

export const deployTool: ToolDefinition = {
  name: 'deploy',
  title: 'Plan a deploy (dry run)',
  description:
    "`waflow deploy --dry-run` for an environment of the project's waflow.config.json: validates every flow of the project, reads what the environment holds " +
    'and returns the plan (flows to create, JSON to upload, categories and endpoint URIs to update, templates to create) without changing anything. ' +
    'Refused when the project has no such environment.',
  inputSchema: {
    type: 'object',
    properties: { env: ENV_INPUT, publish: { type: 'boolean', description: 'Plan publishing the flows too.' } },
    required: ['env'],
    additionalProperties: false,
  },
  outputSchema: {
    type: 'object',
    properties: {
      environment: { type: 'string' },
      provider: { type: 'string' },
      dryRun: { type: 'boolean', const: true },
      ok: { type: 'boolean' },
      validation: {
        type: 'array',
        items: { type: 'object', properties: { file: { type: 'string' }, valid: { type: 'boolean' }, diagnostics: { type: 'array', items: { type: 'object' } } }, required: ['file', 'valid', 'diagnostics'] },
      },
      plan: {
        type: 'object',
        description: 'changes: how many steps a deploy would take; flows and templates: each with its outcome and steps.',
        properties: { changes: { type: 'integer' }, blocked: { type: 'boolean' }, flows: { type: 'array', items: { type: 'object' } }, templates: { type: 'array', items: { type: 'object' } } },
      },
    },
    required: ['environment', 'dryRun', 'ok', 'plan'],
  },
  annotations: { readOnlyHint: true, openWorldHint: true },
  async handle(args, context) {
    const env = await configuredEnvironment(context, String(args.env), 'deploy');
    const argv = ['--dry-run', '--json', '--env', env.name, '--config', env.project.file, ...(args.publish === true ? ['--publish'] : [])];
    const run = await runCommand(deployCommand, argv, context, env.secrets);
    return commandAnswer(run, 'deploy --dry-run');
  },
};
