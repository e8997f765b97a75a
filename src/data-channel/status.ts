// HTTP statuses the endpoint answers with (Meta, "Implementing Endpoint for Flows", error handling):
/** The request could not be decrypted; the client re-fetches the public key and retries. */
export const STATUS_DECRYPT_FAILED = 421;
/** The flow token is no longer valid; the client shows the error and closes the flow. */
export const STATUS_FLOW_TOKEN_INVALID = 427;
/** The request signature (X-Hub-Signature-256) did not verify. */
export const STATUS_SIGNATURE_INVALID = 432;

/** How long WhatsApp waits for the endpoint's answer before it shows an error (Meta's endpoint guide). */
export const ENDPOINT_TIMEOUT_MS = 10_000;
