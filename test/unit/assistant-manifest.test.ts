// The editor's language-model tools are declared in package.json (VS Code reads them before activation) and
// implemented from src/core/assistant.ts; this keeps the two from drifting apart.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CheckBankInput, CheckStoryInput, ExplainRuleInput, NextGapInput, TOOL_DESCRIPTIONS, TOOL_NAMES } from '../../src/core/assistant';

interface ToolContribution {
  name: string;
  toolReferenceName: string;
  displayName: string;
  userDescription: string;
  modelDescription: string;
  inputSchema: Record<string, unknown>;
}

describe('languageModelTools in package.json', () => {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
    contributes: { languageModelTools: ToolContribution[]; mcpServerDefinitionProviders: { id: string; label: string }[] };
  };
  const tools = manifest.contributes.languageModelTools;
  const inputs = { check_story: CheckStoryInput, check_bank: CheckBankInput, next_gap: NextGapInput, explain_rule: ExplainRuleInput };

  it('declares the four tools of the MCP server, prefixed for the shared lm.tools namespace', () => {
    assert.deepEqual(
      tools.map((tool) => tool.name),
      Object.values(TOOL_NAMES).map((name) => `storybank_${name}`),
    );
  });

  for (const name of Object.values(TOOL_NAMES)) {
    it(`${name}: the model description and input schema are the core's`, () => {
      const tool = tools.find((candidate) => candidate.name === `storybank_${name}`)!;
      assert.ok(tool.modelDescription.startsWith(TOOL_DESCRIPTIONS[name]), 'starts with the description the MCP server gives');
      const expected = z.toJSONSchema(inputs[name]) as Record<string, unknown>;
      delete expected.$schema;
      assert.deepEqual(tool.inputSchema, expected);
      assert.ok(
        tool.displayName && tool.userDescription && /^[a-zA-Z]+$/.test(tool.toolReferenceName),
        'shown to users with a name, a description and a #reference',
      );
    });
  }

  it('declares the MCP server definition provider the extension registers', () => {
    assert.deepEqual(manifest.contributes.mcpServerDefinitionProviders, [{ id: 'storyBank.mcpServers', label: 'Story Bank' }]);
    assert.match(readFileSync('src/extension/lmTools.ts', 'utf8'), /MCP_PROVIDER_ID = 'storyBank\.mcpServers'/);
  });
});
