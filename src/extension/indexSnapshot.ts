// Where each workspace folder's index snapshot (src/core/bank/snapshot.ts) is kept between sessions: one JSON file
// per folder in the extension's workspace storage. Reading a missing or broken file gives an empty snapshot;
// writing is best effort (a failure is logged, and costs only a full check at the next start).
import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { IndexSnapshot, type SnapshotIdentity } from '../core';
import { vscodeHost } from './vscode-host';

declare const STORYBANK_CORE_HASH: string | undefined;

/** The SHA-256 of dist/core.js, written into dist/extension.js as both are built (scripts/lazy-core.mjs); undefined in any other build. */
export function builtCoreHash(): string | undefined {
  return typeof STORYBANK_CORE_HASH === 'string' ? STORYBANK_CORE_HASH : undefined;
}

export class SnapshotStore {
  constructor(
    private readonly storage: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  private fileFor(folder: vscode.Uri): vscode.Uri {
    const name = createHash('sha256').update(folder.toString()).digest('hex').slice(0, 24);
    return vscode.Uri.joinPath(this.storage, `index-${name}.json`);
  }

  async load(folder: vscode.Uri, identity: SnapshotIdentity): Promise<IndexSnapshot> {
    // Through the bank's host: storage on this host's disk is read with Node, not sent to the workbench and back.
    const read = await vscodeHost.readFile(this.fileFor(folder).toString());
    if (!read.ok) {
      this.log.info(`${folder.toString()}: no index kept from an earlier session`);
      return new IndexSnapshot(identity);
    }
    const snapshot = IndexSnapshot.parse(new TextDecoder().decode(read.bytes), identity);
    this.log.info(`${folder.toString()}: ${snapshot.size} result(s) kept from the last session`);
    return snapshot;
  }

  async save(folder: vscode.Uri, snapshot: IndexSnapshot): Promise<void> {
    const json = snapshot.serialize(Date.now());
    const file = this.fileFor(folder);
    try {
      if (file.scheme === 'file') {
        await mkdir(this.storage.fsPath, { recursive: true });
        // Written aside, then renamed over: a window closing mid-write, or a second one, never leaves half a file.
        const aside = `${file.fsPath}.${process.pid}.tmp`;
        await writeFile(aside, json);
        await rename(aside, file.fsPath);
      } else {
        await vscode.workspace.fs.createDirectory(this.storage);
        await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(json));
      }
      this.log.info(`${folder.toString()}: kept ${snapshot.size} result(s) for the next session in ${file.toString()}`);
    } catch (error) {
      this.log.warn(`could not keep the index of ${folder.toString()} for the next session: ${String(error)}`);
    }
  }
}
