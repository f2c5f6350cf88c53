// Switch Profile (view the bank through another question profile) and Export Cheat Sheet. The judgment and
// the documents come from the core (withProfile, knownProfiles, buildCheatSheet); this file only asks and writes.
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { CHEAT_SHEET_FILES, buildCheatSheet, findProfile, knownProfiles } from '../core';
import type { StoryBank } from './bank';
import { ACTIVE_PROFILE_STATE_KEY } from './constants';

/**
 * Sets the active profile for this workspace (kept in workspace state, so no file changes) and re-lints.
 * With an id argument the picker is skipped; the configured profile's id (or '') goes back to following
 * `.storybank.yaml`. Returns the active profile id, or undefined when cancelled or unknown.
 */
export async function switchProfile(bank: StoryBank, state: vscode.Memento, arg?: unknown): Promise<string | undefined> {
  const configured = bank.configuredConfig;
  const profiles = knownProfiles(configured);
  let id: string | undefined;
  if (typeof arg === 'string') {
    id = arg === '' ? configured.profile.id : arg;
    if (!findProfile(configured, id)) {
      void vscode.window.showErrorMessage(`Story Bank: unknown profile "${arg}". Known profiles: ${profiles.map((p) => p.id).join(', ')}.`);
      return undefined;
    }
  } else {
    const active = bank.profile.id;
    const picked = await vscode.window.showQuickPick(
      profiles.map((profile) => ({
        label: profile.title,
        description: [profile.id, profile.id === configured.profile.id ? 'configured' : '', profile.id === active ? 'active' : ''].filter(Boolean).join(' · '),
        detail: `${profile.questions.length} question types. ${profile.description}`,
        id: profile.id,
        picked: profile.id === active,
      })),
      { title: 'Story Bank: switch the question profile', placeHolder: 'Profile to check coverage against', matchOnDescription: true },
    );
    if (!picked) return undefined;
    id = picked.id;
  }
  const override = id === configured.profile.id ? undefined : id;
  await state.update(ACTIVE_PROFILE_STATE_KEY, override);
  await bank.switchProfile(override);
  await bank.whenIdle();
  return bank.profile.id;
}

export interface ExportOutcome {
  folder: vscode.Uri;
  written: vscode.Uri[];
  /** Targets that already existed and were left as they were. */
  kept: vscode.Uri[];
}

/**
 * Writes cheat-sheet.md, cheat-sheet.html and coverage.csv for the active profile. Without an argument the
 * user picks the folder in a dialog, and existing files are replaced only after a second, explicit yes.
 * With a folder argument (tests, keybindings) nothing is replaced: existing targets are kept and reported.
 */
export async function exportCheatSheet(bank: StoryBank, arg?: unknown): Promise<ExportOutcome | undefined> {
  let folder = arg instanceof vscode.Uri ? arg : undefined;
  const fromDialog = !folder;
  if (!folder) {
    const picked = await vscode.window.showOpenDialog({
      canSelectFiles: false,
      canSelectFolders: true,
      canSelectMany: false,
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      openLabel: 'Export Here',
      title: 'Story Bank: folder for cheat-sheet.md, cheat-sheet.html and coverage.csv',
    });
    folder = picked?.[0];
    if (!folder) return undefined;
  }
  await bank.whenIdle();
  const targets = (Object.keys(CHEAT_SHEET_FILES) as (keyof typeof CHEAT_SHEET_FILES)[]).map((kind) => ({
    kind,
    uri: vscode.Uri.joinPath(folder, CHEAT_SHEET_FILES[kind]),
  }));
  const existing = new Set<string>();
  for (const { uri } of targets) if (await exists(uri)) existing.add(uri.toString());
  let replace = false;
  if (existing.size > 0 && fromDialog) {
    const names = targets
      .filter(({ uri }) => existing.has(uri.toString()))
      .map(({ kind }) => CHEAT_SHEET_FILES[kind])
      .join(', ');
    const choice = await vscode.window.showWarningMessage(`${names} already exist in ${folder.fsPath}. Replace them?`, { modal: true }, 'Replace');
    if (choice !== 'Replace') return { folder, written: [], kept: targets.filter(({ uri }) => existing.has(uri.toString())).map(({ uri }) => uri) };
    replace = true;
  }
  const sheet = buildCheatSheet(
    bank.profile,
    bank.stories().map((entry) => ({ path: entry.path, result: entry.result })),
  );
  const outcome: ExportOutcome = { folder, written: [], kept: [] };
  await vscode.workspace.fs.createDirectory(folder);
  for (const { kind, uri } of targets) {
    if (existing.has(uri.toString()) && !replace) {
      outcome.kept.push(uri);
      continue;
    }
    if (await write(uri, sheet[kind], replace)) outcome.written.push(uri);
    else outcome.kept.push(uri);
  }
  const message = outcome.kept.length
    ? `Story Bank: wrote ${outcome.written.length} file(s); kept the existing ${outcome.kept.map((uri) => uri.path.split('/').pop()).join(', ')} (not overwritten).`
    : `Story Bank: cheat sheet exported to ${folder.fsPath}.`;
  if (outcome.kept.length) void vscode.window.showWarningMessage(message);
  else
    void vscode.window.showInformationMessage(message, 'Open Cheat Sheet').then((choice) => {
      if (choice) void vscode.commands.executeCommand('vscode.open', targets[0].uri);
    });
  return outcome;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}

/** Exclusive create on disk ('wx'); elsewhere a check right before the write. False when the file appeared meanwhile. */
async function write(uri: vscode.Uri, text: string, replace: boolean): Promise<boolean> {
  if (uri.scheme === 'file') {
    try {
      await fs.writeFile(uri.fsPath, text, { encoding: 'utf8', flag: replace ? 'w' : 'wx' });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  }
  if (!replace && (await exists(uri))) return false;
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return true;
}
