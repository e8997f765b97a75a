// The claims desk: where the business keeps what a claim is made of. In memory for the example;
// a real one writes the files to object storage and the claims to its database.
import type { DecryptedFlowMedia } from '../../src/endpoint/index.js';
import type { DownloadedFlowResponseMedia } from '../../src/webhooks/index.js';

export interface Claim {
  readonly id: string;
  readonly flowToken: string;
  /** The files the endpoint decrypted and checked, as the user picked them. */
  readonly photo: DecryptedFlowMedia;
  readonly receipt: DecryptedFlowMedia;
}

export class ClaimDesk {
  private readonly drafts = new Map<string, { photo?: DecryptedFlowMedia; receipt?: DecryptedFlowMedia }>();
  private readonly claims = new Map<string, Claim>();
  private readonly attachments = new Map<string, DownloadedFlowResponseMedia[]>();
  private readonly failures = new Map<string, unknown>();
  private readonly waiting = new Map<string, { resolve: (files: DownloadedFlowResponseMedia[]) => void; reject: (error: unknown) => void }[]>();
  private next = 1001;

  /** A checked file of the claim a flow token is filling in. */
  keep(flowToken: string, kind: 'photo' | 'receipt', file: DecryptedFlowMedia): void {
    this.drafts.set(flowToken, { ...this.drafts.get(flowToken), [kind]: file });
  }

  /** The claim of a flow token, opened once both files are in; undefined before. */
  open(flowToken: string): Claim | undefined {
    const existing = this.claims.get(flowToken);
    if (existing !== undefined) return existing;
    const draft = this.drafts.get(flowToken);
    if (draft?.photo === undefined || draft.receipt === undefined) return undefined;
    const claim: Claim = { id: `CLM-${this.next++}`, flowToken, photo: draft.photo, receipt: draft.receipt };
    this.claims.set(flowToken, claim);
    this.drafts.delete(flowToken);
    return claim;
  }

  claim(flowToken: string): Claim | undefined {
    return this.claims.get(flowToken);
  }

  /** The files of the claim's response message, downloaded by the webhook. */
  attach(flowToken: string, files: DownloadedFlowResponseMedia[]): void {
    this.attachments.set(flowToken, files);
    for (const w of this.waiting.get(flowToken) ?? []) w.resolve(files);
    this.waiting.delete(flowToken);
  }

  /** The webhook could not download them. */
  attachFailed(flowToken: string, error: unknown): void {
    this.failures.set(flowToken, error);
    for (const w of this.waiting.get(flowToken) ?? []) w.reject(error);
    this.waiting.delete(flowToken);
  }

  /** Resolves once the webhook attached the response message's files to the claim of `flowToken`. */
  attached(flowToken: string): Promise<DownloadedFlowResponseMedia[]> {
    const done = this.attachments.get(flowToken);
    if (done !== undefined) return Promise.resolve(done);
    if (this.failures.has(flowToken)) return Promise.reject(this.failures.get(flowToken));
    return new Promise((resolve, reject) => this.waiting.set(flowToken, [...(this.waiting.get(flowToken) ?? []), { resolve, reject }]));
  }
}
