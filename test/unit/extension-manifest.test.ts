// package.json and src/extension/constants.ts must agree: a command or setting renamed in one place
// but not the other would fail silently in the editor.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { COMMANDS, COVERAGE_VIEW_ID, SETTINGS, SETTINGS_SECTION, VIEW_CONTAINER_ID } from '../../src/extension/constants';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));

describe('extension manifest', () => {
  it('contributes exactly the commands of constants.ts, each in the Story Bank category', () => {
    const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(contributed, Object.values(COMMANDS).sort());
    for (const command of manifest.contributes.commands) assert.equal(command.category, 'Story Bank', command.command);
  });

  it('contributes exactly the settings of constants.ts, each resource-scoped', () => {
    const properties = manifest.contributes.configuration.properties;
    assert.deepEqual(
      Object.keys(properties).sort(),
      Object.values(SETTINGS)
        .map((key) => `${SETTINGS_SECTION}.${key}`)
        .sort(),
    );
    for (const [key, property] of Object.entries<{ scope: string }>(properties)) assert.equal(property.scope, 'resource', key);
  });

  it('menus only name contributed commands', () => {
    const known = new Set(Object.values(COMMANDS));
    for (const [menu, items] of Object.entries<{ command: string }[]>(manifest.contributes.menus)) {
      for (const item of items) assert.ok(known.has(item.command as never), `${menu}: ${item.command}`);
    }
  });

  it('declares the view, its container icon, the snippets file and activation on .storybank.yaml', () => {
    assert.equal(manifest.contributes.viewsContainers.activitybar[0].id, VIEW_CONTAINER_ID);
    assert.ok(existsSync(manifest.contributes.viewsContainers.activitybar[0].icon));
    assert.equal(manifest.contributes.views[VIEW_CONTAINER_ID][0].id, COVERAGE_VIEW_ID);
    assert.ok(existsSync(manifest.contributes.snippets[0].path));
    assert.ok(manifest.activationEvents.includes('workspaceContains:.storybank.yaml'));
    assert.ok(manifest.activationEvents.includes(`onView:${COVERAGE_VIEW_ID}`));
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
  });
});
