// Identifiers shaped like the platform's: numeric ids for flows, templates and phone number ids
// (Meta's are 15–16 digit strings), and wamids for messages.
import { randomBytes, randomInt } from 'node:crypto';

/** A 16-digit numeric id, like a Flow id or a template id. */
export function numericId(): string {
  return String(randomInt(1, 10)) + Array.from({ length: 15 }, () => String(randomInt(0, 10))).join('');
}

/**
 * A message id like WhatsApp's: "wamid." and base64 of a small binary record naming the
 * recipient, then random bytes. Clients treat it as opaque; the shape only has to look familiar.
 */
export function wamid(recipient: string): string {
  const number = Buffer.from(recipient.replace(/\D/g, '').slice(0, 20), 'ascii');
  const random = randomBytes(9).toString('hex').toUpperCase();
  const record = Buffer.concat([
    Buffer.from([0x1c, 0x18, number.length]),
    number,
    Buffer.from([0x15, 0x02, 0x00, 0x11, 0x18, random.length]),
    Buffer.from(random, 'ascii'),
    Buffer.from([0x00]),
  ]);
  return `wamid.${record.toString('base64')}`;
}

/** An opaque row id for our own tables. */
export function rowId(prefix: string): string {
  return `${prefix}_${randomBytes(10).toString('hex')}`;
}

/** A URL-safe random token (preview links, API keys). */
export function token(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

/** A 360dialog WABA account id: "sbx" and 12 random hex digits (360dialog's own are short opaque strings). */
export function wabaAccountId(): string {
  return `sbx${randomBytes(6).toString('hex')}`;
}

/**
 * A stable Meta WABA id for an account, derived from its business number: the id webhooks carry
 * (entry[].id) and Graph paths take. Migration 007 computes the same hash in SQL for old rows.
 */
export function sandboxWabaId(businessNumber: string): string {
  let h = 1_000_000_007n;
  for (const c of businessNumber) h = (h * 131n + BigInt(c.charCodeAt(0))) % 900_000_000_000_000n;
  return String(100_000_000_000_000n + h);
}
