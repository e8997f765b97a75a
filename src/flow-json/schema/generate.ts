import {
  FLOW_LIMITS, FLOW_SPEC, LAYOUT_SPECS, SCREEN_SPEC, actionSpecsFor, componentSpecsFor,
} from '../catalogue/index.js';
import { FLOW_JSON_VERSIONS, inRange, type FlowJsonVersion } from '../versions.js';
import { buildJsonSchema } from './build.js';
import type { JsonSchema } from './types.js';

/** The JSON Schema (draft 2020-12) of Flow JSON `version`, generated from the catalogue. */
export function generateJsonSchema(version: FlowJsonVersion): JsonSchema {
  return buildJsonSchema(
    {
      flow: FLOW_SPEC,
      screen: SCREEN_SPEC,
      components: componentSpecsFor(version),
      layouts: LAYOUT_SPECS.filter((l) => inRange(version, l.versions)),
      actions: actionSpecsFor(version),
      limits: FLOW_LIMITS,
    },
    version,
  );
}

/** The versions a schema can be generated for, oldest first: every version the catalogue covers. */
export function schemaVersions(): FlowJsonVersion[] {
  return FLOW_JSON_VERSIONS.filter((v) => LAYOUT_SPECS.some((l) => inRange(v, l.versions)));
}
