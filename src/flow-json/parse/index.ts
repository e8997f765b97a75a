export type { ParsedJson, SourceLocation } from './types.js';
export { parseJson, locate, JSON_SYNTAX_ERROR, DUPLICATE_KEY, MAX_NESTING_DEPTH } from './parse-json.js';
export { formatCodeFrame } from './code-frame.js';
export type { CodeFrameOptions } from './code-frame.js';
