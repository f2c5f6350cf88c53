// The esbuild options every Node bundle of this project shares. scripts/build.mjs builds what ships; the bench,
// the test-suite builds and the tests that rebuild a bundle privately start from the same options.
export const NODE_BUNDLE = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] };
