// The fenced code blocks of a Markdown document, with the `<!-- readme: ... -->` marks that tell
// test/readme.test.ts how each one is checked (the conventions are described at the top of that
// file), and the pure helpers the test runs them with: planning, shell command lines, port
// mapping, placeholder detection. No I/O here, so the rules can be tested on their own.
import ts from 'typescript';

export type Lang = 'ts' | 'sh' | 'json' | string;

export interface Marks {
  /** Saved under this path (relative to the project) instead of being run. */
  file?: string;
  /** Not run, for this reason. */
  skip?: string;
  /** Appended to the previous TypeScript program: they run as one file. */
  continues?: boolean;
  /** The sandbox command: the test starts it and keeps it running. */
  sandbox?: boolean;
  /** A command the reader leaves running in another terminal: started, not waited for; checked at the end. */
  background?: boolean;
  /** A long-running server reachable at this URL once started. */
  server?: URL;
  /** Probe the server with an encrypted data-channel ping once it listens. */
  ping?: boolean;
  /** The runtime a TypeScript server runs on (default tsx, i.e. Node). */
  runtime?: Runtime;
  /** Text the block's output must contain. */
  prints: string[];
}

export type Runtime = 'tsx' | 'bun' | 'deno' | 'workerd';

/** How the README tells the reader to run a TypeScript file on each runtime (wrangler dev runs workerd). */
export const RUNTIME_COMMANDS: Readonly<Record<Runtime, string>> = {
  tsx: 'npx tsx',
  bun: 'bun',
  deno: 'deno run --allow-net --allow-read --allow-env',
  workerd: 'npx wrangler dev',
};

export interface Block {
  /** The document, e.g. README.md. */
  source: string;
  /** 1-based line of the opening fence; the code starts on the next line. */
  line: number;
  lang: Lang;
  code: string;
  marks: Marks;
  /** The prose between the previous code block and this one. */
  context: string;
}

export interface ParsedDocument {
  blocks: Block[];
  /** Malformed marks, dangling marks, fences the parser does not support. */
  problems: string[];
}

const MARK = /^<!--\s*readme:\s*(.*?)\s*-->$/;
const LANGS: Record<string, Lang> = { ts: 'ts', typescript: 'ts', sh: 'sh', bash: 'sh', shell: 'sh', json: 'json' };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Splits on `;` outside double quotes; `skip` takes the rest of the comment as its reason. */
function splitMarks(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted && !/^\s*skip\b/.test(current)) {
      parts.push(current.trim());
      current = '';
    } else current += ch;
  }
  parts.push(current.trim());
  return parts.filter((p) => p !== '');
}

function parseMarks(text: string, where: string, problems: string[]): Marks {
  const marks: Marks = { prints: [] };
  for (const part of splitMarks(text)) {
    const space = part.indexOf(' ');
    const name = space < 0 ? part : part.slice(0, space);
    const arg = space < 0 ? '' : part.slice(space + 1).trim();
    switch (name) {
      case 'skip':
        if (arg === '') problems.push(`${where}: "skip" needs a reason`);
        marks.skip = arg;
        break;
      case 'file':
        if (arg === '' || arg.includes(' ') || arg.startsWith('/') || arg.split('/').includes('..')) problems.push(`${where}: "file" needs a relative path inside the project, got "${arg}"`);
        marks.file = arg;
        break;
      case 'continues':
      case 'sandbox':
      case 'background':
      case 'ping':
        if (arg !== '') problems.push(`${where}: "${name}" takes no argument`);
        marks[name] = true;
        break;
      case 'server': {
        let url: URL | undefined;
        try {
          url = new URL(arg);
        } catch {
          url = undefined;
        }
        if (url === undefined || url.hostname !== '127.0.0.1' || url.port === '') problems.push(`${where}: "server" needs a URL like http://127.0.0.1:3000/, got "${arg}"`);
        else marks.server = url;
        break;
      }
      case 'with':
        if (!(arg in RUNTIME_COMMANDS)) problems.push(`${where}: "with" takes one of ${Object.keys(RUNTIME_COMMANDS).join(', ')}, got "${arg}"`);
        else marks.runtime = arg as Runtime;
        break;
      case 'prints': {
        const match = /^"(.*)"$/.exec(arg);
        if (match?.[1] === undefined || match[1] === '') problems.push(`${where}: "prints" needs a double-quoted text, got ${arg}`);
        else marks.prints.push(match[1]);
        break;
      }
      default:
        problems.push(`${where}: unknown mark "${name}"`);
    }
  }
  return marks;
}

/** Every fenced block of a Markdown document, with its marks. */
export function parseBlocks(markdown: string, source: string): ParsedDocument {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  const problems: string[] = [];
  const usedMarks = new Set<number>();
  let previousEnd = 0;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] ?? '';
    if (/^\s+```/.test(text)) problems.push(`${source}:${i + 1}: an indented fence; write code blocks at the start of the line`);
    const open = /^```(\S*)\s*$/.exec(text);
    if (open === null) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i] ?? ''); i++) body.push(lines[i] ?? '');
    if (i >= lines.length) problems.push(`${source}:${start + 1}: the code block is never closed`);
    const where = `${source}:${start + 1}`;
    // The mark is the nearest non-blank line above the fence.
    let above = start - 1;
    while (above >= 0 && (lines[above] ?? '').trim() === '') above--;
    const mark = MARK.exec((lines[above] ?? '').trim());
    if (mark !== null) usedMarks.add(above);
    const rawLang = open[1] ?? '';
    blocks.push({
      source,
      line: start + 1,
      lang: LANGS[rawLang] ?? (rawLang === '' ? 'none' : rawLang),
      code: body.join('\n'),
      marks: mark === null ? { prints: [] } : parseMarks(mark[1] ?? '', where, problems),
      context: lines.slice(previousEnd, start).join('\n'),
    });
    previousEnd = i + 1;
  }
  lines.forEach((text, index) => {
    if (/<!--\s*readme:/.test(text) && !usedMarks.has(index)) problems.push(`${source}:${index + 1}: a readme mark that no code block follows`);
  });
  return { blocks, problems };
}

/** One thing the test does, in document order. */
export type Step =
  | { kind: 'program'; blocks: Block[] }
  | { kind: 'commands'; block: Block }
  | { kind: 'server'; block: Block }
  | { kind: 'sandbox'; block: Block }
  | { kind: 'background'; block: Block }
  | { kind: 'file'; block: Block }
  | { kind: 'skip'; block: Block };

/** What the test does with each block; `problems` lists the blocks it would not know how to check. */
export function planBlocks(blocks: readonly Block[]): { steps: Step[]; problems: string[] } {
  const steps: Step[] = [];
  const problems: string[] = [];
  let lastProgram: Extract<Step, { kind: 'program' }> | undefined;
  for (const block of blocks) {
    const where = `${block.source}:${block.line}`;
    const m = block.marks;
    const roles = [m.skip !== undefined, m.continues === true, m.sandbox === true, m.server !== undefined, m.background === true].filter(Boolean).length;
    if (roles > 1) problems.push(`${where}: marks "skip", "continues", "sandbox", "server" and "background" exclude each other`);
    if (m.background === true && m.file !== undefined) problems.push(`${where}: "background" runs a command; it is not a file`);
    if (m.ping === true && m.server === undefined) problems.push(`${where}: "ping" needs "server"`);
    if (m.runtime !== undefined && (m.server === undefined || block.lang !== 'ts')) problems.push(`${where}: "with" is for TypeScript servers`);
    // The test runs the block the way the reader is told to, in the prose just before it.
    if (m.runtime !== undefined && !new RegExp('`' + escapeRegExp(RUNTIME_COMMANDS[m.runtime]) + ' [\\w./-]+\\.ts`').test(block.context)) {
      problems.push(`${where}: "with ${m.runtime}" needs the prose before the block to say how to run it: \`${RUNTIME_COMMANDS[m.runtime]} server.ts\``);
    }
    if (m.prints.length > 0 && (m.skip !== undefined || (m.file !== undefined && m.server === undefined))) problems.push(`${where}: "prints" needs a block that runs`);
    for (const placeholder of placeholders(block)) problems.push(`${where}: ${placeholder}`);

    if (block.lang === 'json' && m.skip === undefined) {
      try {
        JSON.parse(block.code);
      } catch (error) {
        problems.push(`${where}: the JSON does not parse: ${error instanceof Error ? error.message : String(error)}`);
      }
    }

    if (m.skip !== undefined) {
      steps.push({ kind: 'skip', block });
      lastProgram = undefined;
    } else if (m.continues === true) {
      if (block.lang !== 'ts') problems.push(`${where}: "continues" is for TypeScript blocks`);
      else if (lastProgram === undefined || lastProgram.blocks[0]?.source !== block.source) problems.push(`${where}: "continues" needs a TypeScript program just before it`);
      else lastProgram.blocks.push(block);
    } else if (m.sandbox === true) {
      if (block.lang !== 'sh' || commandLines(block.code).length !== 1) problems.push(`${where}: "sandbox" marks a shell block with one command`);
      steps.push({ kind: 'sandbox', block });
    } else if (m.background === true) {
      if (block.lang !== 'sh' || commandLines(block.code).length !== 1) problems.push(`${where}: "background" marks a shell block with one command`);
      steps.push({ kind: 'background', block });
      lastProgram = undefined;
    } else if (m.server !== undefined) {
      if (block.lang === 'sh' && commandLines(block.code).length !== 1) problems.push(`${where}: a shell server block holds one command`);
      if (block.lang !== 'sh' && block.lang !== 'ts') problems.push(`${where}: a server is a TypeScript or shell block`);
      steps.push({ kind: 'server', block });
      lastProgram = undefined;
    } else if (m.file !== undefined) {
      steps.push({ kind: 'file', block });
    } else if (block.lang === 'ts') {
      lastProgram = { kind: 'program', blocks: [block] };
      steps.push(lastProgram);
    } else if (block.lang === 'sh') {
      for (const { line, command } of commandLines(block.code, block.line + 1)) {
        const dir = cdTarget(command);
        if (dir !== undefined && (dir.startsWith('/') || dir.startsWith('~') || dir.split('/').includes('..'))) problems.push(`${block.source}:${line}: "cd" takes a folder inside the project, got "${dir}"`);
      }
      steps.push({ kind: 'commands', block });
    } else {
      problems.push(`${where}: a \`\`\`${block.lang} block the test does not run: mark it "file PATH" (used by other blocks) or "skip REASON"`);
    }
  }
  return { steps, problems };
}

/** TypeScript code without its comments (printed back from the syntax tree). */
export function stripTsComments(code: string): string {
  const file = ts.createSourceFile('block.ts', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  return ts.createPrinter({ removeComments: true }).printFile(file);
}

/** Placeholders a reader could not run: `...` standing for code, and `…`. */
export function placeholders(block: Block): string[] {
  if (block.lang !== 'ts' && block.lang !== 'sh') return [];
  const code = block.lang === 'ts' ? stripTsComments(block.code) : commandLines(block.code).map((c) => c.command).join('\n');
  const found: string[] = [];
  if (code.includes('…')) found.push('"…" in the code: write what the reader should run');
  // Spread syntax is code; `...` before a closing bracket, a comma or the end of a line is not.
  if (/\.\.\.(?=\s*[,)}\]]|\s*$)/m.test(code) || (block.lang === 'sh' && code.includes('...'))) found.push('"..." in the code: write what the reader should run');
  return found;
}

export interface CommandLine {
  /** 1-based line in the document. */
  line: number;
  /** The command without its comment, continuation lines joined. */
  command: string;
  /** The comment after `#`, if any. */
  comment: string;
  /** `# ... exit N` in the comment says the command exits N; otherwise 0. */
  expectedExit: number;
}

/** Splits a shell comment off a line: a `#` outside quotes, at the start or after a space. */
function splitComment(text: string): { code: string; comment: string } {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) return { code: text.slice(0, i).trimEnd(), comment: text.slice(i + 1).trim() };
  }
  return { code: text.trimEnd(), comment: '' };
}

/** The commands of a shell block, one per logical line. */
export function commandLines(code: string, firstLine = 1): CommandLine[] {
  const out: CommandLine[] = [];
  const lines = code.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let { code: command, comment } = splitComment(lines[i] ?? '');
    while (command.endsWith('\\') && i + 1 < lines.length) {
      i++;
      const next = splitComment(lines[i] ?? '');
      command = `${command.slice(0, -1).trimEnd()} ${next.code.trim()}`;
      if (next.comment !== '') comment = next.comment;
    }
    if (command.trim() === '') continue;
    const exit = /\bexit (\d+)\b/.exec(comment);
    out.push({ line: firstLine + start, command: command.trim(), comment, expectedExit: exit?.[1] === undefined ? 0 : Number(exit[1]) });
  }
  return out;
}

/** The folder of a `cd DIR` line (nothing else on it): where the block's later commands run. */
export function cdTarget(command: string): string | undefined {
  return /^cd\s+(\S+)$/.exec(command)?.[1];
}

/**
 * Replaces the documented ports (4010 for the sandbox, 3000 and 3001 for your servers) with the
 * ones the test uses, wherever code names a port: `127.0.0.1:P`, `localhost:P`, `listen(P`,
 * `port: P` and `--port P`.
 */
export function withPorts(code: string, ports: ReadonlyMap<number, number>): string {
  return code.replace(/(127\.0\.0\.1:|localhost:|listen\(|port: |--port[ =])(\d{2,5})\b/g, (whole, prefix: string, port: string) => {
    const mapped = ports.get(Number(port));
    return mapped === undefined ? whole : `${prefix}${mapped}`;
  });
}

/** Markdown links to local files and anchors: `[text](target)`. */
export function localLinks(markdown: string): { line: number; target: string }[] {
  const out: { line: number; target: string }[] = [];
  let inFence = false;
  markdown.split('\n').forEach((text, index) => {
    if (/^```/.test(text)) inFence = !inFence;
    if (inFence) return;
    for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1] ?? '';
      if (!/^[a-z]+:/i.test(target)) out.push({ line: index + 1, target });
    }
  });
  return out;
}

/** GitHub's anchor for a heading. */
export function headingSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The `waflow/...` subpaths a document names. */
export function subpathsNamed(markdown: string): string[] {
  return [...new Set([...markdown.matchAll(/(?<![\w./-])waflow\/[a-z][a-z-]*(?:\/[a-z][a-z-]*)*/g)].map((m) => m[0]))];
}
