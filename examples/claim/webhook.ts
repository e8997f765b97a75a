// The business's webhook for claims: WhatsApp delivers the completed flow (nfm_reply) with the
// photo and the receipt as Cloud API media (`photo: [{ file_name, mime_type, sha256, id }]`, and
// `receipt` alike, in response_json); the files are downloaded through the media API (GET /{media-id}, then its URL with the API key) and
// filed with the claim. The download runs after the answer: WhatsApp delivers a webhook again when
// it is not answered quickly.
import { createWebhookHandler, downloadFlowCompletionMedia } from '../../src/webhooks/index.js';
import type { CompletionWebhookHandler, DownloadedFlowResponseMedia, FlowCompletionEvent } from '../../src/webhooks/index.js';
import type { MediaApi } from '../../src/api/index.js';
import type { ClaimDesk } from './desk.js';

export interface ClaimWebhookOptions {
  /** The Meta app secret: deliveries without a valid X-Hub-Signature-256 are refused. */
  appSecret: string;
  /** The number's API client (createClient), whose media API downloads the files. */
  client: { readonly media?: MediaApi | undefined };
  desk: ClaimDesk;
  /** A download that failed, besides the desk's record of it (default: console.error). */
  onError?: (error: unknown, completion: FlowCompletionEvent) => void;
}

export function createClaimWebhook(options: ClaimWebhookOptions): CompletionWebhookHandler {
  const report = options.onError ?? ((error: unknown) => console.error(`claim webhook: ${error instanceof Error ? error.message : String(error)}`));
  return createWebhookHandler({
    appSecret: options.appSecret,
    onFlowCompletion: (completion) => {
      const token = completion.flowToken;
      if (token === undefined) return;
      void downloadFlowCompletionMedia(completion, options.client).then(
        (files: DownloadedFlowResponseMedia[]) => options.desk.attach(token, files),
        (error: unknown) => {
          options.desk.attachFailed(token, error);
          report(error, completion);
        },
      );
    },
  });
}
