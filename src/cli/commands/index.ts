// The command table. Each command's module is imported only when that command runs, so
// `waflow validate` loads the validator and nothing else: no sandbox, database driver or crypto.
import type { Command } from '../command.js';

export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  load(): Promise<Command>;
}

export const commands: readonly CommandEntry[] = [
  { name: 'dev', summary: 'Start the local WhatsApp Flows sandbox (API, phones, webhooks, browser app) on embedded defaults', load: async () => (await import('./dev.js')).devCommand },
  { name: 'validate', summary: 'Check Flow JSON files and report problems with line, column and a code frame', load: async () => (await import('./validate.js')).validateCommand },
  { name: 'schema', summary: 'Print the JSON Schema (or TypeScript types) of a Flow JSON version', load: async () => (await import('./schema.js')).schemaCommand },
  { name: 'keys', summary: 'Generate the RSA key pair for the encrypted Flows data channel', load: async () => (await import('./keys.js')).keysCommand },
  { name: 'init', summary: 'Write a starter project (config, a flow, an endpoint, a test) that deploys at once to waflow dev', load: async () => (await import('./init.js')).initCommand },
  { name: 'deploy', summary: 'Deploy the flows and templates of waflow.config.json to an environment: plan, create, upload changed JSON, publish', load: async () => (await import('./deploy.js')).deployCommand },
  { name: 'run', summary: 'Run a flow headlessly from a script of steps and print a JSON transcript', load: async () => (await import('./run.js')).runCommand },
];
