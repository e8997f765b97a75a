import type { Rule } from '../rule.js';
import { catalogueConformance } from './catalogue-conformance.js';
import { completeAction } from './complete-action.js';
import { componentLimits } from './component-limits.js';
import { dataApiVersion } from './data-api-version.js';
import { duplicateScreenIds } from './duplicate-screen-ids.js';
import { footers } from './footers.js';
import { formNames } from './form-names.js';
import { formPlacement } from './form-placement.js';
import { minMax } from './min-max.js';
import { navigateTarget } from './navigate-target.js';
import { reservedScreenId } from './reserved-screen-id.js';
import { routingModel } from './routing-model.js';
import { terminalScreens } from './terminal-screens.js';

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
  navigateTarget,
  routingModel,
];
