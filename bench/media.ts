// Throughput of decryptFlowMediaBytes (WebCrypto: SHA-256 of the file, HMAC, AES-256-CBC,
// SHA-256 of the plaintext) on one picker-sized file, against two baselines measured in the
// same run, interleaved:
//   raw_aes_mb_s        node:crypto AES-256-CBC decryption alone (the floor the brief asks for)
//   node_pipeline_mb_s  node:crypto doing all four steps (what the checks cost natively)
//   ratio_vs_raw_aes    ours / raw AES (higher is better; < 1 means slower)
//
// Two runs on the development machine (Node 20.20, 2 shared cores, load average ~9): ours 70 –
// 100 MB/s, raw AES 540 – 630 MB/s (ratio 0.11 – 0.19), node:crypto pipeline 217 – 325 MB/s
// (ratio 0.22 – 0.46). WebCrypto cannot stream, so the HMAC input (iv ‖ ciphertext) is one more
// copy, and every call copies its input and allocates its output; on this VM touching fresh
// memory costs ~7 ms per MiB, which is most of the gap. A 25 MiB photo, the pickers' largest,
// takes a few hundred ms.
import process from 'node:process';
import { createDecipheriv, createHash, createHmac } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { decryptFlowMediaBytes, encryptFlowMedia } from '../src/media/index.js';
import { percentile } from './measure.js';

export async function benchMedia(options: { megabytes?: number; runs?: number } = {}): Promise<Record<string, number | string>> {
  const megabytes = options.megabytes ?? 4;
  const runs = options.runs ?? 15;
  const plain = new Uint8Array(megabytes * 1024 * 1024);
  for (let i = 0; i < plain.length; i += 65536) globalThis.crypto.getRandomValues(plain.subarray(i, i + 65536));
  const { cdnFile, encryptionMetadata: m } = await encryptFlowMedia(plain, { fileName: 'bench.bin' });
  const key = Buffer.from(m.encryption_key, 'base64');
  const iv = Buffer.from(m.iv, 'base64');
  const hmacKey = Buffer.from(m.hmac_key, 'base64');
  const ciphertext = cdnFile.subarray(0, -10);

  const candidates: Record<string, () => unknown> = {
    ours: () => decryptFlowMediaBytes(cdnFile, m),
    raw_aes: () => {
      const d = createDecipheriv('aes-256-cbc', key, iv);
      return Buffer.concat([d.update(ciphertext), d.final()]);
    },
    node_pipeline: () => {
      createHash('sha256').update(cdnFile).digest();
      createHmac('sha256', hmacKey).update(iv).update(ciphertext).digest();
      const d = createDecipheriv('aes-256-cbc', key, iv);
      const out = Buffer.concat([d.update(ciphertext), d.final()]);
      return createHash('sha256').update(out).digest();
    },
  };
  const samples: Record<string, number[]> = { ours: [], raw_aes: [], node_pipeline: [] };
  for (let i = 0; i < runs + 2; i++) {
    for (const [name, run] of Object.entries(candidates)) {
      const t0 = performance.now();
      await run();
      // The first two rounds warm up.
      if (i >= 2) samples[name]!.push(performance.now() - t0);
    }
  }
  const mbPerS = (name: string): number => megabytes / (percentile(samples[name]!.sort((a, b) => a - b), 50) / 1000);
  const round = (n: number): number => Math.round(n * 10) / 10;
  return {
    file_mib: megabytes,
    runs,
    ours_mb_s: round(mbPerS('ours')),
    raw_aes_mb_s: round(mbPerS('raw_aes')),
    node_pipeline_mb_s: round(mbPerS('node_pipeline')),
    ratio_vs_raw_aes: Math.round((mbPerS('ours') / mbPerS('raw_aes')) * 100) / 100,
    ratio_vs_node_pipeline: Math.round((mbPerS('ours') / mbPerS('node_pipeline')) * 100) / 100,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await benchMedia());
}
