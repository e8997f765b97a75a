// `waflow mcp`: a Model Context Protocol server over stdio whose tools validate, fix, explain,
// render and run flows, and plan deploys and send drafts through configured environments.
export { TOOLS } from './tools/index.js';
export type { ToolDefinition, ToolResult, ToolContent, JsonSchema } from './tools/index.js';
export { callTool, createMcpServer, serveMcpStdio, INSTRUCTIONS } from './server.js';
export type { ServeOptions } from './server.js';
export type { ToolContext } from './context.js';
export { loadMcpSdk, SDK_PACKAGE } from './sdk.js';
export type { McpSdk } from './sdk.js';
