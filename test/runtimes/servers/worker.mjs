// workerd: a modules worker; the secrets are text bindings, as `wrangler secret put` makes them.
import { createApp } from './app.mjs';

let app;

// eslint-disable-next-line no-restricted-syntax -- the module worker format is a default export
export default {
  fetch(request, env) {
    app ??= createApp((name) => env[name]);
    return app(request);
  },
};
