export function cleanInstallEnv(env?: NodeJS.ProcessEnv): Record<string, string>;
export function codeServerInstallEnv(env?: NodeJS.ProcessEnv): Record<string, string>;
export function ensureAll(): void;
