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
  { name: 'typegen', summary: 'Write TypeScript types of flows (screen data, data_exchange and completion payloads) for a typed endpoint and webhook', load: async () => (await import('./typegen.js')).typegenCommand },
  { name: 'convert', summary: 'Convert a Flow JSON file into a TypeScript module built with the typed builders of waflow/author', load: async () => (await import('./convert.js')).convertCommand },
  { name: 'schema', summary: 'Print the JSON Schema (or TypeScript types) of a Flow JSON version', load: async () => (await import('./schema.js')).schemaCommand },
  { name: 'keys', summary: 'Generate the data-channel key pair and upload it to an environment', load: async () => (await import('./keys.js')).keysCommand },
  { name: 'init', summary: 'Write a starter project (config, a flow, an endpoint, a test) that deploys at once to waflow dev', load: async () => (await import('./init.js')).initCommand },
  { name: 'deploy', summary: 'Deploy the flows and templates of waflow.config.json to an environment: plan, create, upload changed JSON, publish', load: async () => (await import('./deploy.js')).deployCommand },
  { name: 'flows', summary: 'List, inspect, pull, preview, publish, deprecate and delete the flows of an environment', load: async () => (await import('./flows/index.js')).flowsCommand },
  { name: 'check', summary: "Run the endpoint health check WhatsApp runs: an encrypted ping with the registered key, the key's signature, the latency", load: async () => (await import('./check.js')).checkCommand },
  { name: 'send', summary: 'Send a flow (interactive message or template) to a phone; --wait prints the answer', load: async () => (await import('./send.js')).sendCommand },
  { name: 'templates', summary: 'List message templates, or create one with a FLOW button from a flow name', load: async () => (await import('./templates.js')).templatesCommand },
  { name: 'logs', summary: "The sandbox's endpoint calls and webhook deliveries, as they happen with --follow", load: async () => (await import('./logs.js')).logsCommand },
  { name: 'run', summary: 'Run a flow headlessly from a script of steps and print a JSON transcript', load: async () => (await import('./run.js')).runCommand },
  { name: 'mcp', summary: 'Serve the Model Context Protocol over stdio: validate, fix, explain, render and run flows; plan deploys and send drafts to configured environments', load: async () => (await import('./mcp.js')).mcpCommand },
  { name: 'render', summary: "Write a PNG of each screen as the phone shows it (headless Chromium) and a contact sheet with the routing", load: async () => (await import('./render.js')).renderCommand },
];
