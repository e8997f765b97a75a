import type { Rule } from '../rule.js';
import { catalogueConformance } from './catalogue-conformance.js';
import { completeAction } from './complete-action.js';
import { conditionals } from './conditionals.js';
import { componentLimits } from './component-limits.js';
import { dataApiVersion } from './data-api-version.js';
import { dataModel } from './data-model.js';
import { duplicateScreenIds } from './duplicate-screen-ids.js';
import { dynamicReferences } from './dynamic-references.js';
import { footers } from './footers.js';
import { formNames } from './form-names.js';
import { formPlacement } from './form-placement.js';
import { formReferences } from './form-references.js';
import { minMax } from './min-max.js';
import { propertyDependencies } from './property-dependencies.js';
import { nativeComponents } from './native-components.js';
import { navigatePayload } from './navigate-payload.js';
import { navigateTarget } from './navigate-target.js';
import { reservedScreenId } from './reserved-screen-id.js';
import { richTextPlacement } from './rich-text-placement.js';
import { routingModel } from './routing-model.js';
import { selectActions } from './select-actions.js';
import { terminalScreens } from './terminal-screens.js';
import { urlSchemes } from './url-schemes.js';

/** Every rule, in the order their findings are most useful to read. */
export const RULES: readonly Rule[] = [
  catalogueConformance,
  dataApiVersion,
  duplicateScreenIds,
  reservedScreenId,
  terminalScreens,
  completeAction,
  footers,
  componentLimits,
  formNames,
  formPlacement,
  minMax,
  propertyDependencies,
  navigateTarget,
  routingModel,
  dataModel,
  dynamicReferences,
  navigatePayload,
  conditionals,
  nativeComponents,
  formReferences,
  richTextPlacement,
  selectActions,
  urlSchemes,
];
