// The harness installs code-server with a nested `npm install`. Under `npm test` the outer npm
// exports npm_* variables; npm_config_user_agent ("npm/… node/v20…") made code-server's
// postinstall think it ran on Node 20 and refuse to install, which only showed on a cold cache.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { delimiter } from 'node:path';
import { cleanInstallEnv, codeServerInstallEnv } from '../harness/setup.mjs';
import { nodeBin } from '../harness/paths.mjs';

const outerUserAgent = 'npm/10.8.2 node/v20.19.0 linux x64 workspaces/false';
// What `npm test` on the system Node hands to its scripts, plus variables that must survive.
const outerNpmTestEnv = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '/root',
  CI: 'true',
  npm_config_user_agent: outerUserAgent,
  npm_node_execpath: '/usr/bin/node',
  npm_lifecycle_event: 'test',
  npm_package_name: 'story-bank',
  NPM_CONFIG_PREFIX: '/somewhere/else',
  INIT_CWD: '/work/main',
  NODE: '/usr/bin/node',
};

describe('harness: environment of the nested npm installs', () => {
  it('drops every variable the outer npm exported and keeps the rest', () => {
    const clean = cleanInstallEnv(outerNpmTestEnv);
    assert.deepEqual(Object.keys(clean).sort(), ['CI', 'HOME', 'PATH']);
  });

  it('code-server install: Node 24 first on PATH, no inherited npm_* variable', () => {
    const env = codeServerInstallEnv(outerNpmTestEnv);
    assert.equal(env.PATH.split(delimiter)[0], nodeBin.slice(0, nodeBin.lastIndexOf('/')));
    const npmVariables = Object.keys(env)
      .filter((key) => /^npm_/i.test(key))
      .sort();
    assert.deepEqual(npmVariables, ['npm_config_dangerously_allow_all_scripts', 'npm_config_nodedir']);
  });

  it('the nested npm reports its own user agent, not the outer Node 20 one', function () {
    this.timeout(20_000);
    const env = { ...codeServerInstallEnv(outerNpmTestEnv), PATH: outerNpmTestEnv.PATH };
    const r = spawnSync('npm', ['config', 'get', 'user-agent'], { env, encoding: 'utf8', cwd: '/' });
    assert.equal(r.status, 0, r.stderr);
    assert.notEqual(r.stdout.trim(), outerUserAgent);
    assert.match(r.stdout, /node\/\{node-version\}|node\/v\d+/);
  });
});
