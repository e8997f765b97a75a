// What one MCP tool is, independent of the SDK: its name, words for the model, plain JSON Schemas
// for its input and output, and a handler. server.ts hands these to the SDK; the tools themselves
// never import it, so the SDK stays an optional peer that only `waflow mcp` loads.
import type { ToolContext } from '../context.js';

/** A JSON Schema object (draft 2020-12), as MCP advertises it in tools/list. */
export type JsonSchema = Record<string, unknown>;

export type ToolContent =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'image'; readonly data: string; readonly mimeType: string };

/** A tools/call result: content for the model, structuredContent matching the output schema. */
export interface ToolResult {
  readonly content: ToolContent[];
  readonly structuredContent?: Record<string, unknown>;
  readonly isError?: boolean;
}

export interface ToolDefinition {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly inputSchema: JsonSchema;
  readonly outputSchema: JsonSchema;
  /** MCP hints: readOnlyHint (changes nothing), openWorldHint (talks to a platform). */
  readonly annotations: { readonly readOnlyHint: boolean; readonly destructiveHint?: boolean; readonly idempotentHint?: boolean; readonly openWorldHint: boolean };
  /** `args` has been checked against inputSchema by the SDK. */
  handle(args: Record<string, unknown>, context: ToolContext): Promise<ToolResult>;
}

/** A problem the caller can fix (bad input, no environment): the tool answers isError with it. */
export class ToolInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolInputError';
  }
}

/**
 * A successful answer: the structured result, and the same as JSON text (what MCP asks of tools
 * with an output schema, for clients that read text only), after any text of the tool's own.
 */
export function answer(structured: Record<string, unknown>, extra: readonly ToolContent[] = []): ToolResult {
  const pretty = JSON.stringify(structured, null, 2);
  // Large results (a whole JSON Schema) go compact: indentation would double them.
  const text = pretty.length > 20_000 ? JSON.stringify(structured) : pretty;
  return { content: [...extra, { type: 'text', text }], structuredContent: structured };
}

/** A failed call: the message (and any details) as text, isError set. */
export function failure(message: string, details?: Record<string, unknown>): ToolResult {
  const content: ToolContent[] = [{ type: 'text', text: message }];
  if (details !== undefined) content.push({ type: 'text', text: JSON.stringify(details, null, 2) });
  return { content, isError: true };
}
