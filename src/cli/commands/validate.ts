import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseCommandArgs, settleArgs } from '../args.js';
import type { CliIo, Command } from '../command.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../command.js';
import { childPointer } from '../../flow-json/diagnostics.js';
import type { Range } from '../../flow-json/diagnostics.js';
import { computeFixes, fixFlow } from '../../flow-json/fix/index.js';
import { closestName } from '../../flow-json/fix/spelling.js';
import { locate, parseJson } from '../../flow-json/parse/index.js';
import { STYLE_CODES, validateFlow } from '../../flow-json/validate/index.js';
import type { StyleRuleSetting, ValidateOptions } from '../../flow-json/validate/index.js';
import { FLOW_JSON_VERSIONS, isFlowJsonVersion, MIN_PUBLISHABLE_VERSION } from '../../flow-json/versions.js';
import type { FlowJsonVersion } from '../../flow-json/versions.js';
import { formatDiagnosticPretty, formatFixableHint, formatSummary } from '../format/pretty.js';
import { formatJsonLine } from '../format/json.js';
import { describeFileError } from '../format/file-error.js';

const USAGE = 'waflow validate <files...> [--fix] [--format pretty|json] [--version X] [--rules code=level,...] [--no-style] [--config file]';

/** The project configuration file read from the current directory. */
export const CONFIG_FILE = 'waflow.config.json';

const SETTINGS: readonly StyleRuleSetting[] = ['off', 'info', 'warning'];

const HELP = `usage: ${USAGE}

Checks Flow JSON files and prints every problem with its line, column and a code frame, and a
"fix:" line under each problem that has a safe fix.

options:
  --fix                 apply the safe fixes in place, then report what remains (a file is
                        written only when it changes). Safe fixes: a misspelt component type or
                        property name, a missing __example__, routing_model entries from the
                        navigate actions, a deprecated "version" moved to ${MIN_PUBLISHABLE_VERSION} when valid there
  --format pretty|json  pretty (default): file:line:column severity code message and a code frame;
                        json: one JSON object per file per line ({"file","valid","diagnostics"},
                        diagnostics with "fixes" when they have one, and "fixed" with --fix)
  --version X           validate as Flow JSON version X instead of each file's own "version"
                        (one of ${FLOW_JSON_VERSIONS.join(', ')})
  --rules code=level    set design-guidance lints (style/...) to off, info or warning; repeat the
                        option or separate entries with commas: --rules style/sentence-case=off
  --no-style            skip the design-guidance lints (on by default; --style turns them on
                        when the configuration file turns them off)
  --config file         read the configuration from file instead of ./${CONFIG_FILE}

configuration: ./${CONFIG_FILE} (or --config) may hold
  {"validate": {"style": true, "rules": {"style/sentence-case": "off"}}}
  options given on the command line win over it.

exit status: 0 all files valid (after --fix), 1 some file invalid, 2 usage error, bad configuration
or unreadable file
`;

const FORMATS = ['pretty', 'json'] as const;
type Format = (typeof FORMATS)[number];

interface ValidateArgs {
  readonly files: string[];
  readonly format: Format;
  readonly version?: FlowJsonVersion;
  readonly help: boolean;
  readonly fix?: boolean;
  /** From --rules, in the order given (a later entry for a code wins). */
  readonly rules?: Readonly<Record<string, StyleRuleSetting>>;
  /** --style (true) or --no-style (false); absent: the configuration decides, default on. */
  readonly style?: boolean;
  readonly config?: string;
}

/** Parses argv; returns a message for a usage error. `--x value` and `--x=value` both work. */
export function parseValidateArgs(argv: readonly string[]): ValidateArgs | string {
  const parsed = parseCommandArgs(argv, {
    format: { type: 'string' },
    version: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    fix: { type: 'boolean' },
    rules: { type: 'string', multiple: true },
    style: { type: 'boolean' },
    'no-style': { type: 'boolean' },
    config: { type: 'string' },
  });
  if ('error' in parsed) return parsed.error;
  const { format = 'pretty', version, help = false, fix, rules: ruleArgs, style, 'no-style': noStyle, config } = parsed.values;
  if (help) return { files: [], format: 'pretty', help: true };
  if (!(FORMATS as readonly string[]).includes(format)) return `unknown --format "${format}"; use pretty or json`;
  if (version !== undefined && !isFlowJsonVersion(version)) {
    return `unknown --version "${version}"; valid versions: ${FLOW_JSON_VERSIONS.join(', ')}`;
  }
  if (style && noStyle) return '--style and --no-style cannot be used together';
  if (config === '') return '--config needs a file name';
  let rules: Record<string, StyleRuleSetting> | undefined;
  for (const arg of ruleArgs ?? []) {
    for (const entry of arg.split(',')) {
      if (entry.trim() === '') continue;
      const eq = entry.indexOf('=');
      if (eq < 0) return `--rules "${entry.trim()}": write code=level, e.g. style/sentence-case=off`;
      const code = entry.slice(0, eq).trim();
      const problem = checkRule(code, entry.slice(eq + 1).trim());
      if (problem) return `--rules "${entry.trim()}": ${problem}`;
      (rules ??= {})[code] = entry.slice(eq + 1).trim() as StyleRuleSetting;
    }
  }
  if (parsed.positionals.length === 0) return 'no files given';
  return {
    files: parsed.positionals,
    format: format as Format,
    help: false,
    ...(version ? { version } : {}),
    ...(fix ? { fix: true } : {}),
    ...(rules ? { rules } : {}),
    ...(style ? { style: true } : noStyle ? { style: false } : {}),
    ...(config !== undefined ? { config } : {}),
  };
}

/** What is wrong with one rule setting, or undefined when it is fine. */
function checkRule(code: string, level: unknown): string | undefined {
  if (!STYLE_CODES.includes(code)) {
    const near = closestName(code, STYLE_CODES);
    const known = `lints: ${STYLE_CODES.join(', ')}`;
    return code.startsWith('style/') || near
      ? `unknown lint "${code}"${near ? `; did you mean "${near}"?` : ''} (${known})`
      : `"${code}" is not a design-guidance lint: only style/... codes can be set (${known})`;
  }
  if (typeof level !== 'string' || !(SETTINGS as readonly string[]).includes(level)) {
    return `level must be off, info or warning, not ${JSON.stringify(level) ?? String(level)}${level === 'error' ? ' (lints are never errors)' : ''}`;
  }
  return undefined;
}

/** The validate section of a configuration file. */
export interface ValidateConfig {
  readonly style?: boolean;
  readonly rules?: Readonly<Record<string, StyleRuleSetting>>;
}

/**
 * Reads the configuration: `file` when given (it must exist), else ./waflow.config.json when it
 * exists. Returns a usage-error message naming the file, line, column and JSON pointer of the
 * first problem.
 */
export async function loadConfig(cwd: string, file?: string): Promise<ValidateConfig | string> {
  const name = file ?? CONFIG_FILE;
  let text: string;
  try {
    text = await readFile(resolve(cwd, name), 'utf8');
  } catch (err) {
    const reason = describeFileError(err);
    if (file === undefined && reason.code === 'ENOENT') return {};
    return `cannot read configuration ${name}: ${reason.message} (${reason.code})`;
  }
  const parsed = parseJson(text);
  const syntax = parsed.diagnostics.find((d) => d.severity === 'error');
  if (syntax) return configError(name, syntax.range, syntax.pointer, syntax.message);
  const fail = (pointer: string, message: string, key = false): string => {
    const range = key ? (parsed.locations.get(pointer)?.key ?? locate(parsed, pointer)) : locate(parsed, pointer);
    return configError(name, range, pointer, message);
  };
  const root = parsed.value;
  if (!isObject(root)) return fail('', 'the configuration must be a JSON object such as {"validate": {"rules": {}}}');
  if (!Object.prototype.hasOwnProperty.call(root, 'validate')) return {};
  const section = root['validate'];
  if (!isObject(section)) return fail('/validate', '"validate" must be an object with "style" and "rules"');
  for (const key of Object.keys(section)) {
    if (key !== 'style' && key !== 'rules') return fail(childPointer('/validate', key), `unknown setting "${key}" (validate has "style" and "rules")`, true);
  }
  const out: { style?: boolean; rules?: Record<string, StyleRuleSetting> } = {};
  if (Object.prototype.hasOwnProperty.call(section, 'style')) {
    if (typeof section['style'] !== 'boolean') return fail('/validate/style', '"style" must be true or false');
    out.style = section['style'];
  }
  if (Object.prototype.hasOwnProperty.call(section, 'rules')) {
    const rules = section['rules'];
    if (!isObject(rules)) return fail('/validate/rules', '"rules" must be an object of lint code to "off", "info" or "warning"');
    out.rules = {};
    for (const [code, level] of Object.entries(rules)) {
      const pointer = childPointer('/validate/rules', code);
      const problem = checkRule(code, level);
      if (problem) return fail(pointer, problem, !STYLE_CODES.includes(code));
      out.rules[code] = level as StyleRuleSetting;
    }
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function configError(file: string, range: Range | undefined, pointer: string, message: string): string {
  const where = range ? `${file}:${range.start.line}:${range.start.column}` : file;
  return `invalid configuration ${where}${pointer === '' ? '' : ` at ${pointer}`}: ${message}`;
}

/** Colour only when asked: CliIo does not say whether stdout is a terminal. */
function wantsColor(env: CliIo['env']): boolean {
  return env.NO_COLOR === undefined && env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
}

export const validateCommand: Command = {
  name: 'validate',
  usage: USAGE,
  async run(argv, io) {
    const args = settleArgs(parseValidateArgs(argv), io, { name: 'validate', usage: USAGE, help: HELP });
    if (typeof args === 'number') return args;
    const config = await loadConfig(io.cwd, args.config);
    if (typeof config === 'string') {
      io.stderr(`waflow validate: ${config}\n`);
      return EXIT_USAGE;
    }
    const style = args.style ?? config.style ?? true;
    const rules = { ...config.rules, ...args.rules };
    const options: ValidateOptions = {
      ...(args.version ? { version: args.version } : {}),
      style,
      ...(Object.keys(rules).length > 0 ? { rules } : {}),
      // Fixes are computed here with the same options, whether or not validateFlow attaches them.
      fixes: false,
    };
    const color = args.format === 'pretty' && wantsColor(io.env);
    const counts = { valid: 0, invalid: 0, unreadable: 0, errors: 0, warnings: 0, fixed: 0, fixable: 0 };
    for (const file of args.files) {
      const path = resolve(io.cwd, file);
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (err) {
        const reason = describeFileError(err);
        counts.unreadable++;
        io.stderr(`waflow validate: cannot read ${file}: ${reason.message} (${reason.code})\n`);
        if (args.format === 'json') io.stdout(formatJsonLine(file, false, [], reason, args.fix ? 0 : undefined));
        continue;
      }
      let result;
      let applied = 0;
      if (args.fix) {
        const fixed = fixFlow(text, options);
        if (fixed.text !== text) {
          try {
            await writeFile(path, fixed.text, 'utf8');
          } catch (err) {
            const reason = describeFileError(err);
            counts.unreadable++;
            io.stderr(`waflow validate: cannot write ${file}: ${reason.message} (${reason.code})\n`);
            if (args.format === 'json') io.stdout(formatJsonLine(file, false, [], reason, 0));
            continue;
          }
          text = fixed.text;
          applied = fixed.applied;
        }
        result = fixed.result;
      } else {
        result = computeFixes(text, validateFlow(text, options), options);
      }
      counts.fixed += applied;
      if (result.valid) counts.valid++;
      else counts.invalid++;
      for (const d of result.diagnostics) {
        if (d.severity === 'error') counts.errors++;
        else if (d.severity === 'warning') counts.warnings++;
        if (d.fixes && d.fixes.length > 0) counts.fixable++;
      }
      if (args.format === 'json') {
        io.stdout(formatJsonLine(file, result.valid, result.diagnostics, undefined, args.fix ? applied : undefined));
      } else {
        if (applied > 0) io.stdout(`${file}: ${applied} ${applied === 1 ? 'fix' : 'fixes'} applied\n`);
        for (const d of result.diagnostics) io.stdout(`${formatDiagnosticPretty(file, text, d, color)}\n`);
      }
    }
    if (args.format === 'pretty') {
      if (counts.fixable > 0 && !args.fix) io.stdout(formatFixableHint(counts.fixable));
      const { fixed, fixable: _fixable, ...rest } = counts;
      io.stdout(formatSummary(args.fix ? { ...rest, fixed } : rest));
    }
    if (counts.unreadable > 0) return EXIT_USAGE;
    return counts.invalid > 0 ? EXIT_FAILED : EXIT_OK;
  },
};
