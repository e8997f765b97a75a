// builders(version) and defineFlow(version, build): the one entry to the builders, so every
// component, property and action a flow uses is checked against the flow's version.
import type { FlowJsonVersion } from '../versions.js';
import { COMPONENT_BUILDERS } from './components.generated.js';
import type { BuildersByVersion } from './components.generated.js';
import { field, t } from './data-model.js';
import { buildFlow } from './flow.js';
import { complete, dataExchange, navigate, openUrl, raw, updateData } from './node.js';
import type { Payload } from './node.js';
import { expr, ref } from './ref.js';
import { buildScreen } from './screen.js';
import type { AuthoredFlow, FlowOptions } from './shape.js';

/** The builders of Flow JSON version V. */
export type Builders<V extends FlowJsonVersion> = BuildersByVersion[V];

/** What `flow` of version V takes: the screens and the top-level properties V has. */
export type FlowDefinition<V extends FlowJsonVersion> = Parameters<Builders<V>['flow']>[0];

/**
 * The builders of one Flow JSON version: `const { flow, screen, textInput } = builders('7.3')`.
 * A component, property or action the version does not have is a compile error.
 */
export function builders<V extends FlowJsonVersion>(version: V): Builders<V> {
  const all = {
    version,
    flow: (options: Payload & FlowOptions) => buildFlow(version, options),
    screen: buildScreen,
    ...COMPONENT_BUILDERS,
    navigate,
    dataExchange,
    complete,
    updateData,
    openUrl,
    t,
    field,
    raw,
    expr,
    ref,
  };
  // One runtime for every version; the type narrows it to what `version` has.
  return all as unknown as Builders<V>;
}

/** A flow of `version` built by `build` from that version's builders. */
export function defineFlow<V extends FlowJsonVersion>(version: V, build: (b: Builders<V>) => FlowDefinition<V>): AuthoredFlow<V> {
  const b = builders(version);
  return (b.flow as (options: FlowDefinition<V>) => AuthoredFlow<V>)(build(b));
}
