// The MCP TypeScript SDK is an optional peer dependency: only `waflow mcp` needs it, so it is
// imported when the server starts, and its absence is a MissingPeerError naming the install line.
import type { McpServer, fromJsonSchema } from '@modelcontextprotocol/server';
import type { StdioServerTransport, serveStdio } from '@modelcontextprotocol/server/stdio';
import { peerMissing } from '../peer/optional.js';

export interface McpSdk {
  readonly McpServer: typeof McpServer;
  readonly fromJsonSchema: typeof fromJsonSchema;
  readonly StdioServerTransport: typeof StdioServerTransport;
  readonly serveStdio: typeof serveStdio;
}

export const SDK_PACKAGE = '@modelcontextprotocol/server';

/** Imports the SDK; MissingPeerError (code PEER_MISSING) when the package is not installed. */
export async function loadMcpSdk(): Promise<McpSdk> {
  const server = await import('@modelcontextprotocol/server').catch(peerMissing(SDK_PACKAGE, 'waflow mcp'));
  const stdio = await import('@modelcontextprotocol/server/stdio').catch(peerMissing(`${SDK_PACKAGE}/stdio`, 'waflow mcp'));
  return { McpServer: server.McpServer, fromJsonSchema: server.fromJsonSchema, StdioServerTransport: stdio.StdioServerTransport, serveStdio: stdio.serveStdio };
}
