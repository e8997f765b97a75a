// Every tool `waflow mcp` serves, in the order of an agent's loop: write a flow, validate it,
// fix it, look it up, see it, run it; then, against an environment the user configured, plan a
// deploy and send a draft.
import { deployTool } from './deploy.js';
import { explainTool } from './explain.js';
import { fixTool } from './fix.js';
import { renderTool } from './render.js';
import { runTool } from './run.js';
import { schemaTool } from './schema.js';
import { sendTool } from './send.js';
import type { ToolDefinition } from './tool.js';
import { validateTool } from './validate.js';

export const TOOLS: readonly ToolDefinition[] = [validateTool, fixTool, schemaTool, explainTool, renderTool, runTool, deployTool, sendTool];

export type { ToolDefinition, ToolResult, ToolContent, JsonSchema } from './tool.js';
