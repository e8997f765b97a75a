// The business public key an environment holds (encryption.getPublicKey), as `waflow keys upload`
// and `waflow check` show it: its fingerprint and what its signature status means. The key is
// registered per phone number: 360dialog's Messaging API and Meta's Graph API have the operations,
// 360dialog's Partner API (flows only) does not.
import { EXIT_USAGE } from '../command.js';
import { VerbError, asVerbError } from '../verb.js';
import type { OpenedEnvironment } from '../verb.js';
import type { Provider } from '../../api/contract/dialects.js';
import type { WaflowConfig } from '../../project/types.js';
import { KeyFileError, describePublicKey } from './business-key.js';
import type { PublicKeyInfo } from './business-key.js';

/** Whether an environment of this provider can set and read the business public key. */
export function managesKeys(provider: Provider): boolean {
  return provider !== '360dialog-partner';
}

/** The refusal for an environment without key operations, naming the config's environments that have them. */
export function noKeyManagement(config: WaflowConfig, environment: string, command: string): VerbError {
  const usable = Object.entries(config.environments)
    .filter(([, e]) => managesKeys(e.provider))
    .map(([name]) => name);
  const which = usable.length === 0 ? 'add one to the config' : `this config has ${usable.map((n) => `"${n}"`).join(', ')}: \`${command} --env ${usable[0] ?? ''}\``;
  return new VerbError(
    EXIT_USAGE,
    'unsupported',
    `environment "${environment}" uses provider "360dialog-partner" (360dialog's Partner API), which manages flows only: it has no business public key operations.`,
    {
      advice: `use an environment with provider "360dialog" (the number's D360-API-KEY, Messaging API) or "meta" (Graph API), which register the key per phone number; ${which}.`,
    },
  );
}

export interface RegisteredKey {
  /** undefined when the platform holds a PEM that cannot be read as an RSA public key. */
  readonly key: PublicKeyInfo | undefined;
  /** VALID (Cloud API), SIGNED, or MISMATCH: as the platform says it. */
  readonly signatureStatus: string;
}

/** The key the environment holds; null when none is registered. Failures are VerbErrors. */
export async function readRegisteredKey(opened: OpenedEnvironment): Promise<RegisteredKey | null> {
  let record;
  try {
    record = await opened.client.encryption.getPublicKey();
  } catch (error) {
    throw asVerbError(error, 'reading the business public key', opened.environment.where);
  }
  if (record === null) return null;
  let key: PublicKeyInfo | undefined;
  try {
    key = describePublicKey(record.businessPublicKey, 'the registered key');
  } catch (error) {
    if (!(error instanceof KeyFileError)) throw error;
    key = undefined;
  }
  return { key, signatureStatus: record.businessPublicKeySignatureStatus };
}

export interface SignatureVerdict {
  readonly ok: boolean;
  readonly text: string;
  readonly advice?: string;
}

/** What a signature status means for the data channel, and what to do when it is not usable. */
export function signatureVerdict(status: string, environment: string): SignatureVerdict {
  if (status === 'VALID' || status === 'SIGNED') return { ok: true, text: `signature ${status}` };
  const again = `upload it again (\`waflow keys upload --env ${environment}\`)`;
  if (status === 'MISMATCH') {
    return {
      ok: false,
      text: 'signature MISMATCH: the platform\'s signature of the key does not verify, so WhatsApp will not encrypt with it',
      advice: `${again}; this happens after the number is re-registered or moved between On-Premise and Cloud API.`,
    };
  }
  return { ok: false, text: `signature status ${JSON.stringify(status.slice(0, 40))}, which is not VALID`, advice: `${again}, then check again.` };
}
