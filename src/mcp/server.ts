// The waflow MCP server: the tools of tools/ registered on the SDK's McpServer with their JSON
// Schemas, served over stdio. A tool's bad input comes back as an isError result the model can
// act on; only a bug is reported on stderr (stdout is the protocol's).
import type { McpServer } from '@modelcontextprotocol/server';
import { VERSION } from '../cli/version.js';
import type { ToolContext } from './context.js';
import type { McpSdk } from './sdk.js';
import { TOOLS } from './tools/index.js';
import { ToolInputError, failure } from './tools/tool.js';
import type { ToolDefinition, ToolResult } from './tools/tool.js';

export const INSTRUCTIONS = `waflow checks, fixes, explains, draws and runs WhatsApp Flow JSON. A good loop: write the flow to a file; \
validate it (every problem has Meta's error code, a message and its place; explain tells what a code, component or property means); \
fix applies the safe fixes; render shows each screen as the phone draws it; run plays a script of steps (fill, pick, tap...) and returns the transcript \
up to the completion payload. deploy (a dry run: the plan) and send (a draft to a phone) work only with an environment configured in the project's waflow.config.json.`;

/** Runs one tool call: its result, or its input problem as an isError result. */
export async function callTool(tool: ToolDefinition, args: Record<string, unknown>, context: ToolContext, report: (text: string) => void = () => undefined): Promise<ToolResult> {
  try {
    return await tool.handle(args, context);
  } catch (error) {
    if (error instanceof ToolInputError) return failure(error.message);
    const message = error instanceof Error ? error.message : String(error);
    report(`waflow mcp: ${tool.name} failed: ${error instanceof Error && error.stack !== undefined ? error.stack : message}\n`);
    return failure(`${tool.name} failed: ${message.split('\n')[0] ?? message} (an internal error in waflow; the server's stderr has the details)`);
  }
}

/** A server with every tool, for one connection. */
export function createMcpServer(sdk: McpSdk, context: ToolContext, report: (text: string) => void): McpServer {
  const server = new sdk.McpServer({ name: 'waflow', title: 'waflow', version: VERSION }, { capabilities: { tools: {} }, instructions: INSTRUCTIONS });
  for (const tool of TOOLS) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: sdk.fromJsonSchema<Record<string, unknown>>(tool.inputSchema),
        outputSchema: sdk.fromJsonSchema<Record<string, unknown>>(tool.outputSchema),
        annotations: { title: tool.title, ...tool.annotations },
      },
      async (args) => {
        const result = await callTool(tool, args, context, report);
        return { ...result, content: [...result.content] };
      },
    );
  }
  return server;
}

export interface ServeOptions {
  /** Where bugs and SDK errors are reported (stderr). */
  readonly report: (text: string) => void;
  /** Ends the server (Ctrl-C, SIGTERM) besides the client closing stdin. */
  readonly signal?: AbortSignal;
}

/** Serves MCP over this process's stdin and stdout until the client closes stdin (or `signal`). */
export async function serveMcpStdio(sdk: McpSdk, context: ToolContext, options: ServeOptions): Promise<void> {
  const wire = new sdk.StdioServerTransport();
  const handle = sdk.serveStdio(() => createMcpServer(sdk, context, options.report), {
    transport: wire,
    onerror: (error) => options.report(`waflow mcp: ${error.message}\n`),
  });
  await new Promise<void>((resolve) => {
    // serveStdio owns the transport's onclose; chain ours after it.
    const inner = wire.onclose;
    wire.onclose = () => {
      inner?.();
      resolve();
    };
    if (options.signal?.aborted === true) resolve();
    options.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  await handle.close();
}
