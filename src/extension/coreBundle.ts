// The entry of dist/core.js: the parts of src/core that the editor reaches through '../core' and
// '../core/assistant' (the parser, the rules, the configuration, the question profiles and zod). In the shipped
// build those two imports resolve to a stand-in that requires this bundle the first time one of their exports is
// read (scripts/lazy-core.mjs), so loading and activating the extension parse and run none of it.
import './zodSetup'; // first: configures zod before any schema is built
export * as core from '../core';
export * as assistant from '../core/assistant';
