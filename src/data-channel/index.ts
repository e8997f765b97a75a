export type {
  EncryptedRequestEnvelope,
  DataApiVersion,
  PingRequest,
  InitRequest,
  BackRequest,
  DataExchangeRequest,
  ErrorNotificationRequest,
  DataChannelRequest,
  ScreenResponse,
  CompletionResponse,
  PingResponse,
  ErrorAckResponse,
  DataChannelResponse,
} from './types.js';
export { DataChannelError } from './errors.js';
export type { DataChannelErrorCode } from './errors.js';
export { isErrorNotification } from './payload.js';
export { loadPrivateKey, loadPublicKey, generateKeyPair, MIN_MODULUS_LENGTH } from './keys.js';
export type { BusinessPrivateKey, BusinessPublicKey, GenerateKeyPairOptions } from './keys.js';
export { decryptRequest, encryptResponse, encryptRequest, decryptResponse } from './envelope.js';
export type { DecryptedRequest } from './envelope.js';
export { verifyFlowTokenSignature, signFlowToken } from './flow-token-signature.js';
export type {
  FlowTokenSignatureFailure,
  FlowTokenSignatureResult,
  VerifyFlowTokenSignatureOptions,
  SignFlowTokenOptions,
} from './flow-token-signature.js';
export { verifyRequestSignature, signRequestBody } from './request-signature.js';
export { useCryptoBackend, activeCryptoBackend } from './crypto-backend.js';
export type { CryptoBackendName } from './crypto-backend.js';
export { ENDPOINT_TIMEOUT_MS, STATUS_DECRYPT_FAILED, STATUS_FLOW_TOKEN_INVALID, STATUS_SIGNATURE_INVALID } from './status.js';
