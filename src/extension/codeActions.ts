// Quick fixes: the core's own fixes, "Disable <rule> for this story" and "Open docs for <rule>".
// Every edit is a WorkspaceEdit on CodeAction.edit, so one undo takes it back.
import * as vscode from 'vscode';
import type { Finding, Fix, StoryResult } from '../core';
import type { StoryBank } from './bank';
import { COMMANDS } from './constants';
import { ruleIdOf, toRange } from './diagnostics';

export function fixToEdit(document: vscode.TextDocument, fix: Fix): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const change of fix.edits) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(change.span.start), document.positionAt(change.span.end)), change.newText);
  }
  return edit;
}

/** Where a file-wide disable comment goes: on its own line right after the frontmatter. */
export function disableEdit(document: vscode.TextDocument, result: StoryResult, ruleId: string): vscode.WorkspaceEdit {
  const text = document.getText();
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const comment = `<!-- storybank-disable ${ruleId} -->`;
  const edit = new vscode.WorkspaceEdit();
  const end = result.story.frontmatter?.span.end;
  if (end === undefined) {
    edit.insert(document.uri, new vscode.Position(0, 0), `${comment}${eol}${eol}`);
    return edit;
  }
  // The frontmatter span ends on its closing fence line; the comment goes on the next line.
  const fenceLine = document.positionAt(end).line;
  const lineEnd = document.lineAt(fenceLine).range.end;
  const atEnd = document.offsetAt(lineEnd) >= text.length;
  edit.insert(document.uri, lineEnd, `${eol}${comment}${atEnd ? eol : ''}`);
  return edit;
}

function sameRange(finding: Finding, diagnostic: vscode.Diagnostic): boolean {
  return toRange(finding.range).isEqual(diagnostic.range);
}

export class StoryCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly bank: StoryBank) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((diagnostic) => ruleIdOf(diagnostic) !== undefined && ruleIdOf(diagnostic) !== 'config');
    if (ours.length === 0) return [];
    const entry = this.bank.resultFor(document);
    if (!entry?.result.isStory) return [];
    const actions: vscode.CodeAction[] = [];
    const rulesSeen = new Set<string>();
    for (const diagnostic of ours) {
      const ruleId = ruleIdOf(diagnostic)!;
      const finding = entry.result.findings.find((f) => f.ruleId === ruleId && f.message === diagnostic.message && sameRange(f, diagnostic));
      if (!finding) continue; // the diagnostic is from an older text; a fresh one is on its way
      finding.fixes.forEach((fix, index) => {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = fixToEdit(document, fix);
        action.diagnostics = [diagnostic];
        action.isPreferred = index === 0;
        actions.push(action);
      });
      if (rulesSeen.has(ruleId)) continue;
      rulesSeen.add(ruleId);
      const disable = new vscode.CodeAction(`Disable ${ruleId} for this story`, vscode.CodeActionKind.QuickFix);
      disable.edit = disableEdit(document, entry.result, ruleId);
      disable.diagnostics = ours.filter((d) => ruleIdOf(d) === ruleId);
      const docs = new vscode.CodeAction(`Open docs for ${ruleId}`, vscode.CodeActionKind.QuickFix);
      docs.command = { command: COMMANDS.openRuleDocs, title: `Open docs for ${ruleId}`, arguments: [ruleId] };
      docs.diagnostics = disable.diagnostics;
      actions.push(disable, docs);
    }
    return actions;
  }
}
