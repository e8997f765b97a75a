import type { FlowJsonVersion, VersionRange } from '../versions.js';

/** Types a screen data model field or a form value can have (the JSON Schema subset Flow JSON uses). */
export type DataType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array';

/** The action names Flow JSON knows. */
export type ActionName = 'navigate' | 'data_exchange' | 'complete' | 'update_data' | 'open_url';

/** Formats a string property may have; validators and the runtime know how to check each. */
export type StringFormat =
  | 'date' // YYYY-MM-DD
  | 'uri'
  | 'screen-id' // the id of a screen in the same flow
  | 'image-base64' // base64 image data
  | 'markdown';

/** The shape of a property's value. Declarative: validation, JSON Schema, types and rendering read it. */
export type ValueSpec =
  | {
      readonly kind: 'string';
      readonly enum?: readonly string[];
      readonly minLength?: number;
      readonly maxLength?: number;
      /** Regular expression source, anchored by the reader. */
      readonly pattern?: string;
      /** What the pattern asks for, in words, for messages ("only letters and underscores"). */
      readonly patternHint?: string;
      readonly format?: StringFormat;
    }
  | { readonly kind: 'number'; readonly integer?: boolean; readonly minimum?: number; readonly maximum?: number }
  | { readonly kind: 'boolean' }
  | {
      readonly kind: 'array';
      readonly items: ValueSpec;
      readonly minItems?: number;
      readonly maxItems?: number;
      /** Property of each item that must be unique across the array (e.g. "id" of data-source items). */
      readonly uniqueBy?: string;
    }
  | {
      readonly kind: 'object';
      readonly properties: Readonly<Record<string, PropertySpec>>;
      /** false (default): unknown keys are reported. true: any key. A spec: every extra key's value. */
      readonly additionalProperties?: boolean | ValueSpec;
      /** Added by the catalogue: fewest keys the object must have (e.g. Switch `cases` cannot be empty). */
      readonly minProperties?: number;
    }
  /** An array of child components (layout children, Form children, If branches...). */
  | {
      readonly kind: 'components';
      readonly minItems?: number;
      readonly maxItems?: number;
      /** Added by the catalogue: component types allowed here; absent means any component of the version. */
      readonly allowedTypes?: readonly string[];
    }
  /** An action object; `actions` lists the names allowed here. */
  | { readonly kind: 'action'; readonly actions: readonly ActionName[] }
  | { readonly kind: 'oneOf'; readonly options: readonly ValueSpec[] }
  /** A JSON-Schema-like screen data model declaration (screen `data`). */
  | { readonly kind: 'data-model' }
  | { readonly kind: 'any' };

/** A change to a property in some versions (a limit raised, an enum widened, becoming required). */
export interface PropertyOverride {
  readonly versions: VersionRange;
  readonly value?: ValueSpec;
  readonly required?: boolean;
  readonly dynamic?: boolean;
}

export interface PropertySpec {
  readonly value: ValueSpec;
  readonly required?: boolean;
  readonly default?: unknown;
  /**
   * Whether the value may be a dynamic reference or expression string (`${data.x}`, `${form.x}`,
   * `${screen.S.data.x}`, nested expressions in newer versions) standing for a value of `value`'s type.
   */
  readonly dynamic?: boolean;
  /** Versions that have this property; absent means every version that has the owner. */
  readonly versions?: VersionRange;
  /** Version-specific differences, applied in order over the base fields. */
  readonly overrides?: readonly PropertyOverride[];
  /** Shown in editor hover text, JSON Schema descriptions and diagnostics. */
  readonly description: string;
}

export type ComponentCategory =
  | 'layout'
  | 'text'
  | 'input'
  | 'selection'
  | 'media'
  | 'navigation'
  | 'action'
  | 'conditional'
  | 'container';

export interface ComponentSpec {
  /** The `type` string in Flow JSON, e.g. "TextInput". */
  readonly type: string;
  readonly category: ComponentCategory;
  readonly versions: VersionRange;
  readonly description: string;
  /** Every property except `type`. */
  readonly properties: Readonly<Record<string, PropertySpec>>;
  /** For components that hold user input: the type of `${form.<name>}`. */
  readonly formValue?: { readonly type: DataType; readonly items?: DataType };
  /** At most this many per screen (e.g. one Footer, limited images). */
  readonly maxPerScreen?: number;
  /** Version-specific per-screen limit changes. */
  readonly maxPerScreenOverrides?: readonly { readonly versions: VersionRange; readonly max: number }[];
  /** Added by the catalogue: at most this many in the whole flow (e.g. ImageCarousel). */
  readonly maxPerFlow?: number;
  /**
   * Added by the catalogue: in these versions the component must be alone on its screen, apart from
   * other components of its own type and the types in `allowWith` (RichText, NavigationList).
   */
  readonly screenExclusive?: readonly { readonly versions: VersionRange; readonly allowWith: readonly string[] }[];
  /** Added by the catalogue: the component may not appear on a terminal screen. */
  readonly notOnTerminalScreen?: boolean;
  /** Properties that need, or cannot stand with, other properties of the same component. */
  readonly dependencies?: readonly PropertyDependency[];
  /**
   * Added by the catalogue: the form value's type when a property has a given static value, checked
   * before `formValue` (CalendarPicker in `mode: "range"` yields an object).
   */
  readonly formValueVariants?: readonly {
    readonly property: string;
    readonly equals: unknown;
    readonly type: DataType;
    readonly items?: DataType;
  }[];
}

/**
 * When `property` is present, every name in `requires` must be present too (Meta's
 * INVALID_DEPENDENCIES) and none in `excludes` may be (NOT_KEYWORD_SCHEMA_VALIDATION_FAILED).
 */
export interface PropertyDependency {
  readonly property: string;
  readonly requires?: readonly string[];
  readonly excludes?: readonly string[];
  /** Why, in plain words, for the diagnostic. */
  readonly reason: string;
}

export interface ActionSpec {
  readonly name: ActionName;
  readonly versions: VersionRange;
  readonly description: string;
  /** Every property except `name`. */
  readonly properties: Readonly<Record<string, PropertySpec>>;
}

/** Top-level and screen-level properties are catalogued the same way as components. */
export interface DocumentSpec {
  readonly properties: Readonly<Record<string, PropertySpec>>;
}

/** Flow-wide limits that are not tied to one component. */
export interface FlowLimits {
  /** Components per screen, counted over the whole layout tree. */
  readonly maxComponentsPerScreen: number;
  /** Screens per flow. */
  readonly maxScreens?: number;
  /** Outgoing edges per screen in routing_model. */
  readonly maxRoutesPerScreen?: number;
  /** Screen ids WhatsApp reserves, e.g. "SUCCESS". */
  readonly reservedScreenIds: readonly string[];
  /** Property values shorter than this are rejected with their own code, etc. Extend as needed. */
  readonly [key: string]: unknown;
}

/** A property as it is in one version, overrides applied. */
export interface ResolvedProperty {
  readonly name: string;
  readonly value: ValueSpec;
  readonly required: boolean;
  readonly dynamic: boolean;
  readonly default?: unknown;
  readonly description: string;
}

export type { FlowJsonVersion };
