import { chmod, mkdir, stat, writeFile } from 'node:fs/promises';
import { resolve, join } from 'node:path';
import type { CliIo, Command } from '../command.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../command.js';
import type { EnvironmentDependencies } from '../verb.js';
import { DataChannelError, MIN_MODULUS_LENGTH, generateKeyPair } from '../../data-channel/index.js';

const GENERATE_USAGE = 'waflow keys generate [--passphrase <p> | --passphrase-env VAR] [--out dir] [--bits 2048] [--force]';
const USAGE = `${GENERATE_USAGE}\n       waflow keys upload [--public-key FILE | --private-key FILE] [--env NAME] [--json]`;

const HELP = `usage: ${USAGE}

The business key pair of the WhatsApp Flows data channel:
  generate   create private.pem and public.pem (\`waflow keys generate --help\`)
  upload     register public.pem with an environment's phone number and show its signature
             status (\`waflow keys upload --help\`)
`;

const GENERATE_HELP = `usage: ${GENERATE_USAGE}

Creates the business key pair for the WhatsApp Flows data channel:
  private.pem  RSA private key, mode 0600; PKCS#1 encrypted with DES-EDE3-CBC when a
               passphrase is given (what \`openssl genrsa -des3\` writes). Keep it secret.
  public.pem   SPKI public key to upload to WhatsApp (business_public_key).

options:
  --passphrase <p>       protect the private key with this passphrase
  --passphrase-env VAR   read the passphrase from environment variable VAR (preferred:
                         command-line arguments are visible to other local users)
  --out <dir>            where to write the files (default: current directory)
  --bits <n>             RSA modulus size, at least ${MIN_MODULUS_LENGTH} (default ${MIN_MODULUS_LENGTH})
  --force                overwrite existing private.pem / public.pem
`;

interface GenerateOptions {
  passphrase?: string;
  passphraseEnv?: string;
  out: string;
  bits: number;
  force: boolean;
}

class UsageError extends Error {}

const VALUE_OPTIONS = new Set(['--passphrase', '--passphrase-env', '--out', '--bits']);

function parseGenerate(argv: readonly string[], io: CliIo): GenerateOptions {
  const values = new Map<string, string>();
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--force') {
      force = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (!VALUE_OPTIONS.has(name)) {
      // Never echo an argument verbatim: it could be a passphrase typed in the wrong place.
      throw new UsageError(arg.startsWith('-') ? `unknown option ${name.slice(0, 40)}` : 'unexpected argument');
    }
    let value: string | undefined;
    if (eq > 0 && arg.startsWith('--')) value = arg.slice(eq + 1);
    else value = argv[++i];
    if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
    if (values.has(name)) throw new UsageError(`${name} given twice`);
    values.set(name, value);
  }
  const passphrase = values.get('--passphrase');
  const passphraseEnv = values.get('--passphrase-env');
  if (passphrase !== undefined && passphraseEnv !== undefined) throw new UsageError('give either --passphrase or --passphrase-env, not both');
  const bitsText = values.get('--bits') ?? String(MIN_MODULUS_LENGTH);
  if (!/^\d+$/.test(bitsText)) throw new UsageError('--bits must be a whole number');
  const bits = Number(bitsText);
  if (bits < MIN_MODULUS_LENGTH || bits > 16384 || bits % 8 !== 0) throw new UsageError(`--bits must be a multiple of 8 between ${MIN_MODULUS_LENGTH} and 16384`);
  let resolved = passphrase;
  if (passphraseEnv !== undefined) {
    resolved = io.env[passphraseEnv];
    if (resolved === undefined || resolved === '') throw new UsageError(`environment variable ${passphraseEnv.slice(0, 64)} is not set or empty`);
  }
  if (resolved !== undefined && resolved.length < 4) throw new UsageError('the passphrase must have at least 4 characters');
  return { passphrase: resolved, passphraseEnv, out: resolve(io.cwd, values.get('--out') ?? '.'), bits, force };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

async function generate(argv: readonly string[], io: CliIo): Promise<number> {
  let options: GenerateOptions;
  try {
    options = parseGenerate(argv, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`waflow keys: ${error.message}\nusage: ${GENERATE_USAGE}\n`);
    return EXIT_USAGE;
  }
  if (argv.some((a) => a === '--passphrase' || a.startsWith('--passphrase='))) {
    io.stderr('waflow keys: note: a passphrase on the command line is visible to other local users; prefer --passphrase-env\n');
  }
  const privatePath = join(options.out, 'private.pem');
  const publicPath = join(options.out, 'public.pem');
  try {
    await mkdir(options.out, { recursive: true });
  } catch {
    io.stderr(`waflow keys: cannot create directory ${options.out}\n`);
    return EXIT_FAILED;
  }
  if (!options.force) {
    const existing = [privatePath, publicPath];
    const taken: string[] = [];
    for (const path of existing) if (await exists(path)) taken.push(path);
    if (taken.length > 0) {
      io.stderr(`waflow keys: ${taken.join(' and ')} already exist${taken.length === 1 ? 's' : ''}; pass --force to overwrite\n`);
      return EXIT_FAILED;
    }
  }
  let pair: { privateKeyPem: string; publicKeyPem: string };
  try {
    pair = await generateKeyPair({ passphrase: options.passphrase, modulusLength: options.bits });
  } catch (error) {
    io.stderr(`waflow keys: ${error instanceof DataChannelError ? error.message : 'key generation failed'}\n`);
    return EXIT_FAILED;
  }
  try {
    // 'wx' refuses to follow a file created since the check; with --force, chmod fixes the
    // mode of a file that existed before (the mode option applies only on creation).
    const flag = options.force ? 'w' : 'wx';
    await writeFile(privatePath, pair.privateKeyPem, { mode: 0o600, flag });
    await chmod(privatePath, 0o600);
    await writeFile(publicPath, pair.publicKeyPem, { mode: 0o644, flag });
  } catch {
    io.stderr(`waflow keys: cannot write the key files in ${options.out}\n`);
    return EXIT_FAILED;
  }
  const protection = options.passphrase === undefined ? 'not passphrase-protected' : 'PKCS#1, DES-EDE3-CBC passphrase-protected';
  io.stdout(`wrote ${privatePath} (RSA ${options.bits}, ${protection}, mode 0600)\n`);
  io.stdout(`wrote ${publicPath}\n`);
  io.stdout('Register public.pem with WhatsApp as the business public key (`waflow keys upload`); keep private.pem secret.\n');
  return EXIT_OK;
}

/** The command, with its client factory replaceable for tests (used by `keys upload`). */
export function createKeysCommand(deps: EnvironmentDependencies = {}): Command {
  return {
    name: 'keys',
    usage: USAGE,
    async run(argv, io) {
      const [sub, ...rest] = argv;
      if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
        (sub === undefined ? io.stderr : io.stdout)(HELP);
        return sub === undefined ? EXIT_USAGE : EXIT_OK;
      }
      if (sub === 'upload') {
        // Loaded only for upload: `keys generate` needs neither the config nor the API client.
        const [{ runVerb }, { createKeysUploadVerb }] = await Promise.all([import('../verb.js'), import('./keys-upload.js')]);
        return runVerb(createKeysUploadVerb(deps), rest, io);
      }
      if (sub !== 'generate') {
        io.stderr(`waflow keys: unknown subcommand (expected "generate" or "upload")\nusage: ${USAGE}\n`);
        return EXIT_USAGE;
      }
      if (rest.includes('--help') || rest.includes('-h')) {
        io.stdout(GENERATE_HELP);
        return EXIT_OK;
      }
      return generate(rest, io);
    },
  };
}

export const keysCommand: Command = createKeysCommand();
