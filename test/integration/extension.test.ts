import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

suite('smoke', () => {
  test('vscode api is real', async () => {
    console.log('vscode', vscode.version, 'node', process.version, 'ui', vscode.env.uiKind, 'remote', vscode.env.remoteName);
    const ext = vscode.extensions.getExtension('story-bank.story-bank');
    assert.ok(ext, 'extension present');
    await ext.activate();
    assert.ok(ext.isActive);
  });
});
