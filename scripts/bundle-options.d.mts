export const NODE_BUNDLE: { bundle: true; platform: 'node'; format: 'cjs'; target: 'node20'; external: string[] };
