// `waflow keys upload`: register the business public key with an environment's phone number
// (encryption.setPublicKey), then read it back (getPublicKey) to show that the platform holds this
// very key and whether its signature is VALID. The key comes from a public key file (default: the
// public.pem `waflow keys generate` writes) or is derived from a private key file; neither the
// private key nor its passphrase is ever printed.
import { resolve } from 'node:path';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../command.js';
import { VerbError, asVerbError, openEnvironment, usageError } from '../verb.js';
import type { EnvironmentDependencies, VerbDefinition, VerbRun } from '../verb.js';
import { checkPublicKeyPem } from '../../api/contract/encryption.js';
import { KeyFileError, defaultPublicKeyFile, derivePublicKey, describePublicKey, readKeyFile, shownPath } from './business-key.js';
import type { PublicKeyInfo } from './business-key.js';
import { managesKeys, noKeyManagement, readRegisteredKey, signatureVerdict } from './registered-key.js';

export const KEYS_UPLOAD_USAGE = 'waflow keys upload [--public-key FILE | --private-key FILE [--passphrase-env VAR]] [--env NAME] [--json] [--config FILE]';

const HELP = `usage: ${KEYS_UPLOAD_USAGE}

Registers the business public key with the phone number of an environment (WhatsApp encrypts
every data-channel request to your endpoint with it), then reads it back and shows its
fingerprint and signature status (VALID once the platform has signed it).

options:
  --public-key FILE      the public key PEM to upload (default: public.pem in this folder, as
                         \`waflow keys generate\` writes it, else keys/public.pem of the project)
  --private-key FILE     derive the public key from this private key instead (it is not sent)
  --passphrase-env VAR   the variable holding the private key's passphrase
  --env NAME             the environment (default: "defaultEnvironment" of the config, else
                         "sandbox"; without a config, the sandbox \`waflow dev\` serves)
  --json                 one JSON document on stdout instead of text
  --config FILE          the project file (default: waflow.config.json here or above)

Providers: "360dialog" (Messaging API) and "meta" (Graph API) register the key per phone number;
"360dialog-partner" (Partner API, flows only) cannot.
The fingerprint is the start of the sha-256 of the key's DER:
  openssl pkey -pubin -in public.pem -outform DER | sha256sum

exit status: 0 registered and signed, 1 refused, not signed or failed, 2 usage or config error
`;

const OPTIONS = {
  'public-key': { type: 'string' },
  'private-key': { type: 'string' },
  'passphrase-env': { type: 'string' },
} as const;

const str = (run: VerbRun, name: string): string | undefined => {
  const value = run.args.values[name];
  return typeof value === 'string' ? value : undefined;
};

/** The passphrase from the variable --passphrase-env names (never from the command line). */
export function passphraseFrom(run: VerbRun): string | undefined {
  const variable = str(run, 'passphrase-env');
  if (variable === undefined) return undefined;
  const value = run.io.env[variable];
  if (value === undefined || value === '') throw usageError(`environment variable ${variable.slice(0, 64)} (--passphrase-env) is not set or empty`);
  return value;
}

const keyFileFailure = (error: KeyFileError): VerbError => new VerbError(EXIT_USAGE, 'key-file', error.message);

/** The key to upload, from the file named or the default one. */
async function keyToUpload(run: VerbRun, projectDir: string, passphrase: string | undefined): Promise<{ key: PublicKeyInfo; file: string }> {
  const privateFile = str(run, 'private-key');
  const named = privateFile ?? str(run, 'public-key');
  const path = named === undefined ? await defaultPublicKeyFile(run.io.cwd, projectDir) : resolve(run.io.cwd, named);
  const file = shownPath(run.io.cwd, path);
  const text = await readKeyFile(path, file);
  const key = privateFile === undefined ? describePublicKey(text, file) : await derivePublicKey(text, passphrase, file);
  // The platform's own rule (the contract's): a 2048-bit RSA key, checked before anything is sent.
  const refused = checkPublicKeyPem(key.pem);
  if (refused !== undefined) throw new KeyFileError(`${file} cannot be uploaded (${key.modulusLength}-bit RSA): ${refused} Create a pair with \`waflow keys generate\`.`);
  return { key, file };
}

export function createKeysUploadVerb(deps: EnvironmentDependencies = {}): VerbDefinition {
  return {
    name: 'keys upload',
    usage: KEYS_UPLOAD_USAGE,
    help: HELP,
    options: OPTIONS,
    async run(run) {
      // Never echo a stray argument: it could be a passphrase typed in the wrong place.
      if (run.args.positionals.length > 0) throw usageError('unexpected argument');
      if (str(run, 'public-key') !== undefined && str(run, 'private-key') !== undefined) throw usageError('give --public-key or --private-key, not both');
      if (str(run, 'passphrase-env') !== undefined && str(run, 'private-key') === undefined) throw usageError('--passphrase-env goes with --private-key');
      const passphrase = passphraseFrom(run);

      const opened = await openEnvironment(run, deps);
      const { environment } = opened;
      if (!managesKeys(environment.provider)) throw noKeyManagement(opened.project.config, environment.name, 'waflow keys upload');

      let upload: { key: PublicKeyInfo; file: string };
      try {
        upload = await keyToUpload(run, opened.project.dir, passphrase);
      } catch (error) {
        throw error instanceof KeyFileError ? keyFileFailure(error) : error;
      }
      const { key, file } = upload;
      run.report.file = file;
      run.report.fingerprint = key.fingerprint;
      run.report.sha256 = key.sha256;

      run.out(`Uploading the public key ${key.fingerprint} (${file}) to "${environment.name}" (${environment.provider}, ${environment.where})... `);
      try {
        await opened.client.encryption.setPublicKey(key.pem);
      } catch (error) {
        run.out('failed\n');
        throw asVerbError(error, 'uploading the business public key', environment.where);
      }
      run.out('ok\n');

      const registered = await readRegisteredKey(opened);
      if (registered === null || registered.key === undefined) {
        throw new VerbError(EXIT_FAILED, 'not-registered', `the upload was accepted, but "${environment.name}" ${registered === null ? 'holds no business public key' : 'holds a key that cannot be read'} when read back.`, {
          advice: 'run the upload again; if it persists, check the phone number the environment names.',
        });
      }
      const verdict = signatureVerdict(registered.signatureStatus, environment.name);
      const same = registered.key.sha256 === key.sha256;
      run.report.registered = { fingerprint: registered.key.fingerprint, sha256: registered.key.sha256, signatureStatus: registered.signatureStatus, matchesUpload: same };
      if (!same) {
        throw new VerbError(EXIT_FAILED, 'not-registered', `"${environment.name}" holds the key ${registered.key.fingerprint} when read back, not the uploaded ${key.fingerprint}.`, {
          advice: 'another upload may have replaced it (one key per number); run the upload again.',
        });
      }
      run.out(`Registered on "${environment.name}": ${registered.key.fingerprint}, ${verdict.text}.\n`);
      if (!verdict.ok) throw new VerbError(EXIT_FAILED, 'signature', `the key is registered on "${environment.name}", but its ${verdict.text}.`, verdict.advice === undefined ? {} : { advice: verdict.advice });
      run.out('WhatsApp now encrypts data-channel requests with this key: give your endpoint its private key, then `waflow check ENDPOINT_URL`.\n');
      return EXIT_OK;
    },
  };
}
