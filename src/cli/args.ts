// What the commands share around their arguments: node:util's parseArgs in strict mode with its
// error cut to a usage message, and answering that message or --help before a command runs.
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import type { CliIo } from './command.js';
import { EXIT_OK, EXIT_USAGE } from './command.js';

/** The flags of a command, as parseArgs takes them. */
export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

interface StrictConfig<O extends CommandOptions, P extends boolean> {
  args: string[];
  options: O;
  allowPositionals: P;
  strict: true;
}

/** parseArgs's own result type for these options, so `values` keeps each flag's precise type. */
export type CommandArgs<O extends CommandOptions, P extends boolean = true> = ReturnType<typeof parseArgs<StrictConfig<O, P>>>;

export interface CommandArgsSettings<P extends boolean> {
  /** Whether bare arguments (files) are accepted (default true). */
  readonly allowPositionals?: P;
  /** Cut the message to this many characters: Node quotes the argument, which can be long. */
  readonly maxLength?: number;
}

/** Parses argv strictly; an unknown flag or a missing value gives `{ error }` with a usage message. */
export function parseCommandArgs<O extends CommandOptions, P extends boolean = true>(
  argv: readonly string[],
  options: O,
  settings: CommandArgsSettings<P> = {},
): CommandArgs<O, P> | { error: string } {
  const config: StrictConfig<O, P> = { args: [...argv], options, allowPositionals: settings.allowPositionals ?? (true as P), strict: true };
  try {
    return parseArgs(config);
  } catch (err) {
    // Node's message continues with advice about "--"; the first sentence is the useful part.
    const first = (err instanceof Error ? err.message : String(err)).split('. ')[0] ?? 'invalid arguments';
    return { error: settings.maxLength === undefined ? first : first.slice(0, settings.maxLength) };
  }
}

/** A command's name and texts, for its usage errors and --help. */
export interface CommandTexts {
  readonly name: string;
  readonly usage: string;
  readonly help: string;
}

/**
 * What a command's argument parser gave, settled: a usage message is printed (exit 2), a help
 * request (`'help'` or `{ help: true }`) prints the help (exit 0); otherwise the arguments to run with.
 */
export function settleArgs<A extends object>(args: A | string, io: CliIo, texts: CommandTexts): A | number {
  if (args === 'help' || (typeof args === 'object' && 'help' in args && args.help === true)) {
    io.stdout(texts.help);
    return EXIT_OK;
  }
  if (typeof args === 'string') {
    io.stderr(`waflow ${texts.name}: ${args}\nusage: ${texts.usage}\n`);
    return EXIT_USAGE;
  }
  return args;
}
