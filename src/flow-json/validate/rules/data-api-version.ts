import { DATA_API_VERSIONS } from '../../versions.js';
import { display } from '../json-type.js';
import type { Rule } from '../rule.js';

/**
 * data_exchange, INIT and refresh_on_back talk to the business endpoint, which exists only when
 * data_api_version is set; such flows also need a routing_model.
 */
export const dataApiVersion: Rule = {
  id: 'data-api-version',
  codes: ['MISSING_REQUIRED_PROPERTY', 'INVALID_DATA_API_VERSION', 'INVALID_PROPERTY_VALUE'],
  description: 'Endpoint features require data_api_version, and data_api_version requires routing_model.',
  check({ model, report }) {
    const version = model.dataApiVersion;
    const has = version !== undefined;
    if (has && !(DATA_API_VERSIONS as readonly unknown[]).includes(version)) {
      report({ code: 'INVALID_DATA_API_VERSION', pointer: '/data_api_version', message: `Invalid Data API version '${display(version)}'. Use one of: ${DATA_API_VERSIONS.join(', ')}.` });
    }
    if (has && model.routingModel === undefined) {
      report({ code: 'MISSING_REQUIRED_PROPERTY', pointer: '', message: "The property 'routing_model' is required for property 'data_api_version'. Add a routing_model listing, for each screen, the screens it may go to." });
    }
    if (has) return;
    for (const screen of model.screens) {
      for (const action of screen.actions) {
        if (action.name === 'data_exchange') {
          report({ code: 'MISSING_REQUIRED_PROPERTY', pointer: `${action.pointer}/name`, message: "The property 'data_api_version' is required for data_exchange action: it calls your endpoint. Add \"data_api_version\": \"3.0\" and a routing_model." });
        }
      }
      if (screen.value['refresh_on_back'] === true) {
        report({ code: 'INVALID_PROPERTY_VALUE', pointer: `${screen.pointer}/refresh_on_back`, message: "Property 'refresh_on_back' can be true only when property 'data_api_version' is set: it asks your endpoint for fresh data." });
      }
    }
  },
};
