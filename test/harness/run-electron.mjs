// The standard route: the same extension-host suite via @vscode/test-electron (desktop VS Code
// with Electron), in the one-folder fixture workspace and then in the multi-root one. It downloads VS Code on
// first use, so it needs internet access to update.code.visualstudio.com; on offline machines and CI use
// `npm run test:integration`.
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { fixtureWorkspace, multiRootWorkspace, repoRoot } from './paths.mjs';
import { buildIntegrationTests } from '../../scripts/build-tests.mjs';

async function main() {
  const extensionTestsPath = join(await buildIntegrationTests(), 'index.js');
  let code = 0;
  for (const workspace of [fixtureWorkspace, multiRootWorkspace]) {
    const exit = await runTests({
      version: process.env.STORY_BANK_VSCODE_VERSION || 'stable',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
    code ||= exit;
  }
  process.exit(code);
}

main().catch((err) => {
  console.error(`[electron] ${err.stack || err.message}`);
  console.error('[electron] @vscode/test-electron needs to download VS Code; offline, use `npm run test:integration`.');
  process.exit(1);
});
