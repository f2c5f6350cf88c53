// The filters' evidence in the editor: CodeLens verdicts, a hover on the evidence, and the Highlight Evidence
// decorations. Verdicts and spans are the core's (StoryResult.filters and .evidence); nothing is judged here.
import * as vscode from 'vscode';
import { FILTER_RULE_IDS } from '../core';
import type { FilterId, StoryResult } from '../core';
import type { StoryBank } from './bank';
import { COMMANDS, CONTEXT_KEYS, EVIDENCE_BACKGROUND_COLOR } from './constants';
import { toRange } from './diagnostics';
import { FILTER_LABELS, evidenceGroups, highlightLabel, quoteLength, shortQuote, verdict, verdicts } from './evidenceText';
import { escapeMarkdown } from './markdown';

/**
 * One lens per evidence sentence, above it ("Tradeoff ✓ "I skipped the load test…""), and on `summaryRange`
 * (the story's first line of lenses) a "Role ✗" per failed filter, which jumps to the finding that says why.
 */
export function evidenceLenses(uri: vscode.Uri, result: StoryResult, summaryRange: vscode.Range): vscode.CodeLens[] {
  const groups = evidenceGroups(result);
  const perLine = new Map<number, number>();
  for (const group of groups) perLine.set(group.evidence.range.start.line, (perLine.get(group.evidence.range.start.line) ?? 0) + 1);

  const lenses = groups.map(({ filters, evidence }) => {
    const line = evidence.range.start.line;
    const verdictsText = filters.map((id) => verdict(id, true)).join(' ');
    return new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
      title: `${verdictsText} ${shortQuote(evidence.text, quoteLength(perLine.get(line) ?? 1))}`,
      tooltip: `Story Bank read this sentence as the ${filterNames(filters)} evidence. Click to highlight all evidence.`,
      command: COMMANDS.highlightEvidence,
      arguments: [uri],
    });
  });

  const grouped = new Set(groups.flatMap((group) => group.filters));
  for (const id of FILTER_RULE_IDS) {
    if (grouped.has(id)) continue;
    if (result.filters[id]) {
      lenses.push(
        new vscode.CodeLens(summaryRange, {
          title: verdict(id, true),
          tooltip: `${FILTER_LABELS[id]} passed; no sentence was recorded as its evidence.`,
          command: '',
        }),
      );
      continue;
    }
    const finding = result.findings.find((f) => f.ruleId === id);
    lenses.push(
      new vscode.CodeLens(
        summaryRange,
        finding
          ? { title: verdict(id, false), tooltip: finding.message, command: COMMANDS.revealFinding, arguments: [uri, toRange(finding.range)] }
          : { title: verdict(id, false), command: '' },
      ),
    );
  }
  return lenses;
}

function filterNames(filters: readonly FilterId[]): string {
  return filters.map((id) => FILTER_LABELS[id].toLowerCase()).join(' and ');
}

/** Hovering an evidence sentence says which filters it satisfied, quotes it whole, and lists every verdict. */
export class EvidenceHover implements vscode.HoverProvider {
  constructor(private readonly bank: StoryBank) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const entry = this.bank.resultFor(document);
    if (!entry?.result.isStory) return undefined;
    const offset = document.offsetAt(position);
    const group = evidenceGroups(entry.result).find(({ evidence }) => evidence.span.start <= offset && offset < evidence.span.end);
    if (!group) return undefined;
    const md = new vscode.MarkdownString();
    md.isTrusted = { enabledCommands: [COMMANDS.highlightEvidence] };
    md.appendMarkdown(
      `**${group.filters.map((id) => verdict(id, true)).join(' · ')}**: Story Bank read this as the ${filterNames(group.filters)} evidence.\n\n`,
    );
    md.appendMarkdown(`> ${escapeMarkdown(group.evidence.text.replace(/\s+/g, ' ').trim())}\n\n`);
    const link = `command:${COMMANDS.highlightEvidence}?${encodeURIComponent(JSON.stringify([document.uri.toString()]))}`;
    md.appendMarkdown(`${verdicts(entry.result)} · [Highlight evidence](${link})`);
    return new vscode.Hover(md, toRange(group.evidence.range));
  }
}

/** One highlighted span and the filters it is evidence for. */
export interface HighlightedEvidence {
  filters: FilterId[];
  range: vscode.Range;
}

/** What Highlight Evidence did: whether the story is now highlighted, and the spans it decorated. */
export interface EvidenceHighlightState {
  uri: vscode.Uri;
  highlighted: boolean;
  ranges: HighlightedEvidence[];
}

/**
 * Highlight Evidence: toggles decorations on a story's evidence spans. They follow re-lints and editor switches
 * until toggled off or the document closes. Decorations only; the document is never edited.
 */
export class EvidenceHighlighter implements vscode.Disposable {
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor(EVIDENCE_BACKGROUND_COLOR),
    overviewRulerColor: new vscode.ThemeColor(EVIDENCE_BACKGROUND_COLOR),
    overviewRulerLane: vscode.OverviewRulerLane.Center,
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    after: { color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic', margin: '0 0 0 1em' },
  });
  /** Highlighted documents (uri strings) and the spans last decorated in them. */
  private readonly highlighted = new Map<string, HighlightedEvidence[]>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly bank: StoryBank) {
    this.subscriptions = [
      bank.onDidChange(() => this.refresh()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.refresh()),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateContext()),
      vscode.workspace.onDidCloseTextDocument((document) => this.highlighted.delete(document.uri.toString())),
    ];
    this.updateContext();
  }

  /** Turns the highlight on or off for the story in `uri`'s editor (default: the active editor). */
  toggle(uri?: vscode.Uri): EvidenceHighlightState | undefined {
    const editor = uri ? vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()) : vscode.window.activeTextEditor;
    const entry = editor && this.bank.resultFor(editor.document);
    if (!editor || !entry?.result.isStory) {
      void vscode.window.showInformationMessage('Story Bank: open a story (a Markdown file with questions in its frontmatter) to highlight its evidence.');
      return undefined;
    }
    const key = editor.document.uri.toString();
    if (this.highlighted.has(key)) {
      this.highlighted.delete(key);
      for (const shown of this.editorsOf(key)) shown.setDecorations(this.decoration, []);
      this.updateContext();
      return { uri: editor.document.uri, highlighted: false, ranges: [] };
    }
    const ranges = this.apply(editor.document, entry.result);
    this.updateContext();
    if (ranges.length === 0) void vscode.window.showInformationMessage('Story Bank: no filter passes in this story yet, so there is no evidence to highlight.');
    return { uri: editor.document.uri, highlighted: true, ranges };
  }

  /** The spans decorated in `uri`, or undefined when it is not highlighted. */
  rangesFor(uri: vscode.Uri): HighlightedEvidence[] | undefined {
    return this.highlighted.get(uri.toString());
  }

  private refresh(): void {
    for (const key of this.highlighted.keys()) {
      const document = this.editorsOf(key)[0]?.document;
      const entry = document && this.bank.resultFor(document);
      if (document && entry) this.apply(document, entry.result);
    }
    this.updateContext();
  }

  private apply(document: vscode.TextDocument, result: StoryResult): HighlightedEvidence[] {
    const groups = result.isStory ? evidenceGroups(result) : [];
    const ranges = groups.map(({ filters, evidence }) => ({ filters, range: toRange(evidence.range) }));
    const options = ranges.map(({ filters, range }): vscode.DecorationOptions => ({
      range,
      hoverMessage: new vscode.MarkdownString(`Story Bank evidence for the **${filterNames(filters)}** filter${filters.length > 1 ? 's' : ''}`),
      renderOptions: { after: { contentText: highlightLabel(filters) } },
    }));
    const key = document.uri.toString();
    this.highlighted.set(key, ranges);
    for (const editor of this.editorsOf(key)) editor.setDecorations(this.decoration, options);
    return ranges;
  }

  private editorsOf(key: string): vscode.TextEditor[] {
    return vscode.window.visibleTextEditors.filter((editor) => editor.document.uri.toString() === key);
  }

  /** Keeps the context key of the editor menus in step with the active editor. */
  private updateContext(): void {
    const document = vscode.window.activeTextEditor?.document;
    const isStory = document ? this.bank.resultFor(document)?.result.isStory === true : false;
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.activeEditorIsStory, isStory);
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.decoration.dispose();
  }
}
