// Type-checks TypeScript with the repository's own compiler options, for tests of generated types:
// files given in memory overlay the disk (nothing is written), everything else is read as it is.
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..', '..');

function compilerOptions(): ts.CompilerOptions {
  const file = join(REPO_ROOT, 'tsconfig.json');
  const read = ts.readConfigFile(file, (path) => ts.sys.readFile(path));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  return { ...ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(file)).options, noEmit: true };
}

export interface TypeProblem {
  /** Absolute path, or undefined for a global problem. */
  readonly file: string | undefined;
  /** 1-based. */
  readonly line: number;
  readonly code: number;
  readonly message: string;
}

/** Diagnostics of a program made of `roots` (absolute paths); `overlay` maps absolute paths to their text. */
export function typeCheck(roots: readonly string[], overlay: ReadonlyMap<string, string> = new Map()): TypeProblem[] {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (path) => overlay.get(resolve(path)) ?? readFile(path);
  host.fileExists = (path) => overlay.has(resolve(path)) || fileExists(path);
  // Module resolution looks for the folder first; in-memory files may live in one that does not exist.
  const folders = new Set([...overlay.keys()].map((path) => dirname(path)));
  const directoryExists = host.directoryExists?.bind(host);
  host.directoryExists = (path) => folders.has(resolve(path)) || (directoryExists?.(path) ?? ts.sys.directoryExists(path));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (path, language, onError, create) => {
    const text = overlay.get(resolve(path));
    return text === undefined ? getSourceFile(path, language, onError, create) : ts.createSourceFile(path, text, language, true);
  };
  const program = ts.createProgram({ rootNames: [...roots], options, host });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const line = d.file !== undefined && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    return { file: d.file?.fileName, line, code: d.code, message: ts.flattenDiagnosticMessageText(d.messageText, '\n') };
  });
}

/** `file:line TS1234 message`, one a line, for assertion messages. */
export function formatProblems(problems: readonly TypeProblem[]): string {
  return problems.map((p) => `${p.file ?? '(global)'}:${p.line} TS${p.code} ${p.message}`).join('\n');
}
