// Start/stop helpers for a throwaway code-server (real VS Code 1.139.1 served to a browser)
// and the headless Chromium that drives it. Everything lives in one temp folder per run.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromiumPath, codeServerEntry, nodeBin } from './paths.mjs';

export function log(tag, msg) {
  console.log(`[${tag}] ${msg}`);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Quiet, offline user settings: nothing pops up, nothing looks anything up outside. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.auxiliaryBar.defaultVisibility': 'hidden',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.settings.enableNaturalLanguageSearch': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'extensions.gallery.serviceUrl': '',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'chat.agent.enabled': false,
  'chat.setupFromDialog': false,
  'github.copilot.enable': { '*': false },
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'npm.fetchOnlinePackageInfo': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'json.schemaDownload.enable': false,
  'markdown.validate.enabled': false,
  'workbench.editor.enablePreview': false,
  'window.commandCenter': false,
  'editor.minimap.enabled': false,
  'files.watcherExclude': { '**/node_modules/**': true },
};

export function makeTempRoot(prefix) {
  const root = mkdtempSync(join(tmpdir(), `story-bank-${prefix}-`));
  const dirs = {};
  for (const name of ['user-data', 'extensions', 'xdg-config', 'xdg-data', 'tmp', 'chromium-profile']) {
    dirs[name] = join(root, name);
    mkdirSync(dirs[name], { recursive: true });
  }
  return { root, dirs };
}

async function waitForHttp(url, deadline, isDead) {
  let lastErr;
  while (Date.now() < deadline) {
    if (isDead()) throw new Error('code-server exited during startup');
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      lastErr = new Error(`HTTP ${res.status}`);
    } catch (err) {
      lastErr = err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer ${url}: ${lastErr?.message}`);
}

/** The environment code-server runs with: Node 24 first on PATH, the temp folders, no gallery. */
function codeServerEnv(dirs) {
  const env = {
    ...process.env,
    PATH: `${dirname(nodeBin)}:${process.env.PATH}`,
    XDG_CONFIG_HOME: dirs['xdg-config'],
    XDG_DATA_HOME: dirs['xdg-data'],
    TMPDIR: dirs.tmp,
    // No extension gallery: an empty serviceUrl turns marketplace lookups off.
    EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: '' }),
  };
  delete env.VSCODE_CLI;
  delete env.ELECTRON_RUN_AS_NODE;
  return env;
}

/** Installs a packaged .vsix into the run's extensions folder, as a user would install a release. */
export function installVsix(temp, vsixPath, tag = 'code-server') {
  const { dirs } = temp;
  log(tag, `installing ${vsixPath} into ${dirs.extensions}`);
  const result = spawnSync(
    nodeBin,
    [codeServerEntry, '--user-data-dir', dirs['user-data'], '--extensions-dir', dirs.extensions, '--install-extension', vsixPath],
    { env: codeServerEnv(dirs), encoding: 'utf8', timeout: 120_000 },
  );
  if (result.status !== 0) throw new Error(`installing ${vsixPath} failed (${result.status ?? result.signal}): ${result.stderr || result.stdout}`);
}

/**
 * Starts code-server on a free loopback port. It is spawned detached (own process group) so
 * stop() can kill its file watchers and extension hosts with it.
 * @returns {{ port, baseUrl, stop(): Promise<void>, logFile, exited: Promise<number|null> }}
 */
/** `port`: the one to listen on (the workspace's storage is keyed by its URI, port included); a free one by default. */
export async function startCodeServer(temp, { extraArgs = [], settings = {}, tag = 'code-server', port: wanted } = {}) {
  const { dirs, root } = temp;
  mkdirSync(join(dirs['user-data'], 'User'), { recursive: true });
  writeFileSync(join(dirs['user-data'], 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
  const port = wanted ?? (await freePort());
  const args = [
    codeServerEntry,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir',
    dirs['user-data'],
    '--extensions-dir',
    dirs.extensions,
    '--vscode-option',
    'enable-smoke-test-driver',
    ...extraArgs,
  ];
  const logFile = join(root, 'code-server.log');
  const out = createWriteStream(logFile);
  const env = codeServerEnv(dirs);
  log(tag, `starting code-server on 127.0.0.1:${port} (log: ${logFile})`);
  const child = spawn(nodeBin, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  let exitCode;
  const exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      exitCode = code ?? signal;
      resolve(exitCode);
    }),
  );
  const baseUrl = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (exitCode === undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {}
      const killed = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 5000))]);
      if (!killed) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {}
      }
    }
    // Children (watchers, extension hosts) may outlive the leader: sweep the group anyway.
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
    out.end();
  };

  try {
    await waitForHttp(`${baseUrl}/healthz`, Date.now() + 60_000, () => exitCode !== undefined);
  } catch (err) {
    await stop();
    throw new Error(`${err.message}\n--- code-server log ---\n${safeRead(logFile)}`);
  }
  log(tag, `code-server ready at ${baseUrl}`);
  return { port, baseUrl, stop, logFile, exited, pid: child.pid };
}

export function safeRead(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** A headless Chromium (Debian's) with a fresh profile, driven by playwright-core. */
export async function launchBrowser(temp, { viewport = { width: 1400, height: 900 } } = {}) {
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(temp.dirs['chromium-profile'], {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    env: { ...process.env, TMPDIR: temp.dirs.tmp, XDG_CONFIG_HOME: temp.dirs['xdg-config'] },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, close: () => context.close().catch(() => {}) };
}

/**
 * Build the workbench URL that opens `folder` (a `.code-workspace` file opens as that workspace) and, with the
 * smoke-test driver on, runs a test payload.
 */
export function workbenchUrl(baseUrl, port, folder, { extensionDevelopmentPath, extensionTestsPath } = {}) {
  const url = new URL(baseUrl + '/');
  url.searchParams.set(folder.endsWith('.code-workspace') ? 'workspace' : 'folder', folder);
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${extensionDevelopmentPath}`]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', `vscode-remote://127.0.0.1:${port}${extensionTestsPath}`]);
  if (payload.length) url.searchParams.set('payload', JSON.stringify(payload));
  return url.toString();
}

export function removeTemp(temp) {
  rmSync(temp.root, { recursive: true, force: true });
}

/** Rejects after ms, so nothing waits forever. */
export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${Math.round(ms / 1000)} s`)), ms);
    }),
  ]);
}

/**
 * Last line of defence: if the runner itself wedges (e.g. the browser stops answering),
 * kill code-server's process group and exit non-zero instead of hanging CI.
 */
export function armWatchdog(server, tag, ms) {
  const timer = setTimeout(() => {
    console.log(`[${tag}] watchdog: no result after ${Math.round(ms / 1000)} s, killing code-server (pid ${server.pid})`);
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {}
    console.log(`${tag}: 0 passed, 1 failed`);
    process.exit(1);
  }, ms);
  timer.unref();
  return timer;
}
