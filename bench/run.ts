/**
 * `npm run bench`: every benchmark of the project, each reported against a baseline measured in
 * the same run (these machines are shared and noisy, so absolute times mean little). Writes the
 * figures to bench/results.json as well as printing them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchDataChannel } from './data-channel.js';
import { benchEndpoint } from './endpoint.js';
import { benchFlowJson, benchRealTemplate } from './flow-json.js';
import { benchMedia } from './media.js';
import { benchPackage } from './package.js';
import { benchSandboxMemory } from './sandbox-memory.js';
import { benchWebhooks } from './webhooks.js';

type Section = Record<string, number | string>;
const parts: [string, () => Section | Promise<Section>][] = [
  ['Flow JSON validation (20-screen flow) vs JSON.parse', () => benchFlowJson()],
  ["Flow JSON validation (Meta's largest real template, 2.7 MB) vs JSON.parse", () => benchRealTemplate()],
  ['Data channel crypto vs one raw RSA-OAEP decryption', () => benchDataChannel()],
  ['Business endpoint vs raw RSA-OAEP (CPU, throughput, latency)', () => benchEndpoint()],
  ['Flows media decryption (4 MiB, WebCrypto) vs raw node:crypto AES-256-CBC', () => benchMedia()],
  ['Webhook completions into PostgreSQL: record() with dedup vs raw INSERT', () => benchWebhooks()],
  ['Webhook ingestion over HTTP: handler vs bare node:http, and with PostgreSQL vs raw INSERT', async () => (await import('./webhook-ingest.js')).benchWebhookIngest()],
  ['Completing requests through the endpoint: token stores (memory, Redis, PostgreSQL) vs no store', async () => (await import('./token-store.js')).benchTokenStore()],
  ['Installed package: CLI validate wall time vs bare node start, install sizes', () => benchPackage()],
  ['Sandbox memory: RSS after 10,000 journeys and a GC vs after 1,000', () => benchSandboxMemory()],
  ['Sandbox journeys: sendFlow to nfm_reply webhook, journeys/s vs the sandbox when issue 16 was filed, SQL statements per journey (8 phones, PGlite)', async () => (await import('./sandbox-journeys.js')).benchSandboxJourneys()],
];

const only = process.argv.slice(2);
const results: Record<string, Section> = {};
for (const [title, run] of parts) {
  if (only.length > 0 && !only.some((o) => title.toLowerCase().includes(o.toLowerCase()))) continue;
  console.log(`\n## ${title}`);
  const section = await run();
  console.table(section);
  results[title] = section;
}
// A filtered run (`npm run bench -- endpoint`) replaces only its own sections of the file.
const file = join(import.meta.dirname, 'results.json');
const previous = only.length > 0 && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { results?: Record<string, Section> }).results : undefined;
writeFileSync(file, `${JSON.stringify({ measuredAt: new Date().toISOString(), results: { ...previous, ...results } }, null, 2)}\n`);
console.log(`\nwritten to ${file}`);
