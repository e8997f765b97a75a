// Flow-wide limits that belong to no single property. Sources, by key:
// components reference (https://developers.facebook.com/docs/whatsapp/flows/reference/components),
// Flow JSON reference (.../reference/flowjson), media upload (.../reference/media_upload) and
// the routing model errors in the error codes reference (.../reference/error-codes).
import type { VersionRange } from '../versions.js';
import type { FlowLimits } from './types.js';

export interface VersionedLimit {
  readonly versions: VersionRange;
  readonly max: number;
}

export interface CatalogueFlowLimits extends FlowLimits {
  /** "The maximum number of components per screen is 50." */
  readonly maxComponentsPerScreen: number;
  readonly maxScreens: number;
  /** "Branches exceed max of 10": a screen has more than 10 outgoing routes. */
  readonly maxRoutesPerScreen: number;
  readonly reservedScreenIds: readonly string[];
  /** "It is allowed to nest up to 3 If components." */
  readonly maxIfNesting: number;
  /** Dropdown takes 200 options, but only 100 when any option has an image. */
  readonly dropdownMaxItemsWithImages: number;
  /** Image size cap of a data-source option: 300 KB before 6.0, 100 KB from 6.0 (bytes, KB = 1024). */
  readonly dataSourceImageMaxBytes: readonly VersionedLimit[];
  /** NavigationList `start.image` cap: 100 KB (bytes); larger images show a placeholder. */
  readonly navigationListImageMaxBytes: number;
  /** Image component: recommended size up to 300 KB (a warning, not an error). */
  readonly imageRecommendedMaxBytes: number;
  /** PhotoPicker and DocumentPicker together: at most one on a screen. */
  readonly mediaPickersPerScreen: { readonly types: readonly string[]; readonly max: number };
  /** Media attached to the response message (complete): at most 10 files, 100 MiB in total. */
  readonly maxMediaFilesInResponse: number;
  readonly maxMediaBytesInResponse: number;
  /** "Flow JSON content string is limited and cannot exceed 10 MB." */
  readonly maxFlowJsonBytes: number;
  /** Total data channel payload size for images: 1 MB. */
  readonly maxDataChannelPayloadBytes: number;
  /** NavigationList: only one item with a badge per list. */
  readonly maxBadgedItemsPerNavigationList: number;
}

const KB = 1024;
const MB = 1024 * KB;

export const FLOW_LIMITS: CatalogueFlowLimits = {
  maxComponentsPerScreen: 50,
  // Error codes reference, MAX_SCREENS_NUMBER: "Maximum number of screens allowed per Flow is 100".
  maxScreens: 100,
  maxRoutesPerScreen: 10,
  reservedScreenIds: ['SUCCESS'],
  maxIfNesting: 3,
  dropdownMaxItemsWithImages: 100,
  dataSourceImageMaxBytes: [
    { versions: { since: '5.0', until: '5.1' }, max: 300 * KB },
    { versions: { since: '6.0' }, max: 100 * KB },
  ],
  navigationListImageMaxBytes: 100 * KB,
  imageRecommendedMaxBytes: 300 * KB,
  mediaPickersPerScreen: { types: ['PhotoPicker', 'DocumentPicker'], max: 1 },
  maxMediaFilesInResponse: 10,
  maxMediaBytesInResponse: 100 * MB,
  maxFlowJsonBytes: 10 * MB,
  maxDataChannelPayloadBytes: MB,
  maxBadgedItemsPerNavigationList: 1,
};
