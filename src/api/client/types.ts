// The client's public shape: its methods and their inputs. Every method takes an optional last
// argument `{ signal }` to abort the call (and any wait between its attempts).
import type { HostingType } from '../types.js';
import type {
  CreateFlowRequest,
  CreateFlowResponse,
  CreateTemplateRequest,
  CreateTemplateResponse,
  FlowAction,
  FlowActionPayload,
  FlowDetails,
  FlowField,
  FlowHealthStatus,
  FlowMetricsQuery,
  FlowMetricsResponse,
  FlowMode,
  FlowPreviewResponse,
  FlowSummary,
  InteractiveHeader,
  ListFlowAssetsResponse,
  ListFlowsResponse,
  ListTemplatesResponse,
  MigrateFlowsRequest,
  MigrateFlowsResponse,
  Provider,
  PublicKeyRecord,
  SendMessageResponse,
  SuccessResponse,
  TemplateOtherComponent,
  TemplateRecord,
  UpdateFlowRequest,
  UploadFlowJsonResponse,
} from '../contract/index.js';
import type { ClientDialects } from './options.js';
import type { FlowTokenStore } from '../../endpoint/token-store/types.js';
import type { MediaInfo } from '../contract/media.js';

/** The optional last argument of every method. */
export interface RequestOptions {
  /** Aborts the call: its request, or the wait before its next attempt (ApiClientError ABORTED). */
  signal?: AbortSignal;
}

export interface DownloadMediaOptions extends RequestOptions {
  /** Largest file read, in bytes (default 100 MB, the Cloud API's largest media). */
  maxBytes?: number;
}

/** A received media's bytes, checked against the size and SHA-256 media.get gave. */
export interface DownloadedMedia {
  id: string;
  mimeType: string;
  /** As media.get gave it. */
  sha256: string;
  fileSize: number;
  bytes: Uint8Array;
}

export interface SendFlowInput {
  to: string;
  /** Body text of the message. */
  body: string;
  /** A text header, or a media header. */
  header?: string | InteractiveHeader;
  footer?: string;
  flowId?: string;
  flowName?: string;
  /** The button text: at most 20 characters, no emoji. */
  flowCta: string;
  flowToken?: string;
  mode?: FlowMode;
  flowAction?: FlowAction;
  /** Required for navigate; leave out for data_exchange. `data` keys are sent exactly as written. */
  flowActionPayload?: FlowActionPayload;
}

/**
 * sendFlow's last argument. With `tokenStore` (the one your flow endpoint uses), the flow token is
 * issued there before the message is sent, so the endpoint accepts it and the nfm_reply that
 * carries it back can be matched to this message (waitForCompletion on the webhook side).
 */
export interface SendFlowOptions extends RequestOptions {
  /** Issues `flowToken` (or a new random one when the input has none) in this store first. */
  tokenStore?: FlowTokenStore;
  /** How long the issued token stays valid, in seconds; default one day (DEFAULT_FLOW_TOKEN_TTL_SECONDS). */
  tokenTtlSeconds?: number;
  /** Session data stored with the token (the endpoint's handlers read it). */
  tokenData?: Record<string, unknown>;
}

/** What sendFlow answers: the platform's response, plus the token issued when a tokenStore was given. */
export type SendFlowResponse = SendMessageResponse & {
  /** The flow token of the message; present when a tokenStore was given. */
  flowToken?: string;
};

/** A page of a list: at most `limit` items, after the `paging.cursors.after` of the previous answer. */
export interface FlowListPage {
  limit?: number;
  /** `paging.cursors.after` of the previous page. */
  after?: string;
}

export interface SendTextInput {
  to: string;
  body: string;
  previewUrl?: boolean;
}

export interface SendTemplateInput {
  to: string;
  name: string;
  /** A language code such as en_US, or the full language object. */
  language: string | { code: string; policy?: 'deterministic' };
  /** On-Premise only. */
  namespace?: string;
  /** The FLOW button: its index among the buttons, the token and the first screen's data. */
  flowButton?: { index: number | string; flowToken?: string; flowActionData?: Record<string, unknown> };
  /** Other components (body parameters and the like), sent before the flow button. */
  components?: TemplateOtherComponent[];
}

export interface CreateFlowInput extends Omit<CreateFlowRequest, 'flowJson'> {
  /** A Flow JSON document, as text or as an object. */
  flowJson?: string | object;
}

export interface ApiClient {
  /** The provider the client speaks to (given, or inferred from the credentials). */
  readonly provider: Provider;
  /** The messaging semantics: `on-premise` for 360dialog's On-Premise API, else `cloud`. */
  readonly hostingType: HostingType;
  /** The base URL of the provider's main surface (for meta, with the Graph version). */
  readonly baseUrl: string;
  /** Which dialect serves each area; undefined where this client has none (its calls throw UNSUPPORTED_OPERATION). */
  readonly dialects: ClientDialects;
  readonly messages: {
    sendFlow(input: SendFlowInput, request?: SendFlowOptions): Promise<SendFlowResponse>;
    sendText(input: SendTextInput, request?: RequestOptions): Promise<SendMessageResponse>;
    /** With `tokenStore`, the FLOW button's token is issued there first, as sendFlow does (the template needs `flowButton`). */
    sendTemplate(input: SendTemplateInput, request?: SendFlowOptions): Promise<SendFlowResponse>;
  };
  readonly templates: {
    create(input: CreateTemplateRequest, request?: RequestOptions): Promise<CreateTemplateResponse>;
    list(request?: RequestOptions): Promise<ListTemplatesResponse>;
    /** The template (its first language) with its review `status`; a name with no template throws ApiError 404. */
    get(name: string, request?: RequestOptions): Promise<TemplateRecord>;
    /**
     * Deletes every language of a template name; with `id` (provider meta only: Graph's hsm_id) only
     * that one template. An unknown name throws ApiError 404; an APPROVED template's name and
     * language cannot be used again for 30 days.
     */
    delete(name: string, options?: { id?: string }, request?: RequestOptions): Promise<SuccessResponse>;
  };
  readonly flows: {
    /**
     * On the Partner API, which creates flows without Flow JSON, this is create, then uploadJson
     * (when flowJson is given), then publish (when asked and the JSON has no validation errors).
     */
    create(input: CreateFlowInput, request?: RequestOptions): Promise<CreateFlowResponse>;
    /** One page (all flows when the platform does not page); `paging.next` is set while more remain. */
    list(page?: FlowListPage, request?: RequestOptions): Promise<ListFlowsResponse>;
    /** Every flow, following the pages. */
    listAll(request?: RequestOptions): Promise<FlowSummary[]>;
    get(flowId: string, options?: { fields?: readonly FlowField[] }, request?: RequestOptions): Promise<FlowDetails>;
    update(flowId: string, input: UpdateFlowRequest, request?: RequestOptions): Promise<SuccessResponse>;
    uploadJson(flowId: string, json: string | object, request?: RequestOptions): Promise<UploadFlowJsonResponse>;
    listAssets(flowId: string, request?: RequestOptions): Promise<ListFlowAssetsResponse>;
    /** A 139002 failure carries the flow's validation errors in `error.validationErrors` (best effort). */
    publish(flowId: string, request?: RequestOptions): Promise<SuccessResponse>;
    deprecate(flowId: string, request?: RequestOptions): Promise<SuccessResponse>;
    delete(flowId: string, request?: RequestOptions): Promise<SuccessResponse>;
    preview(flowId: string, options?: { invalidate?: boolean }, request?: RequestOptions): Promise<FlowPreviewResponse>;
    metrics(flowId: string, query: FlowMetricsQuery, request?: RequestOptions): Promise<FlowMetricsResponse>;
    /** Copy flows from another WABA of the same business into this one (at most 100 names a call). */
    migrate(input: MigrateFlowsRequest, request?: RequestOptions): Promise<MigrateFlowsResponse>;
    /** The flow's health_status (provider meta only: the Partner API's flow fields have none). */
    health(flowId: string, request?: RequestOptions): Promise<FlowHealthStatus>;
  };
  readonly encryption: {
    setPublicKey(pem: string, request?: RequestOptions): Promise<SuccessResponse>;
    /** The key and its signature status; null when no key is set. */
    getPublicKey(request?: RequestOptions): Promise<PublicKeyRecord | null>;
  };
  /**
   * Received media (a flow's picker files, media messages) of a Cloud API number (waba-v2, Graph).
   * Always there on a client from createClient, whose return type says so; optional here only so
   * that hand-written stand-ins of ApiClient need not stub it.
   */
  readonly media?: MediaApi;
}

/** client.media: received media, as the Cloud API serves it. */
export interface MediaApi {
  /** The media's download URL (valid 5 minutes), MIME type, size and SHA-256. */
  get(mediaId: string, request?: RequestOptions): Promise<MediaInfo>;
  /** get, then the bytes from its URL with the number's credential, checked against its size and SHA-256. */
  download(mediaId: string, options?: DownloadMediaOptions): Promise<DownloadedMedia>;
}
