// Which `.storybank.yaml` governs a bank, by one rule for the CLI, the MCP server and the editor: the nearest one
// in the bank's root folder or a folder above it, up to the repository root (the first folder holding `.git`) or
// the top of the file system. An explicit file (`--config`) wins over the search.
import { CONFIG_FILE_NAME } from '../defaults';
import type { ConfigOverrides } from '../config';
import type { BankHost } from './host';
import { decodeStoryBytes } from './read';

/** Everything the resolved configuration depends on, as plain data (the CLI fingerprints it for its cache). */
export interface ConfigSource {
  /** Path of the configuration file, if one was found. */
  file: string | undefined;
  /** Its text, if one was found. */
  text: string | undefined;
  /** The bank's profile chosen outside the file (`--profile`): plain `questions` lists then belong to it. */
  profileId?: string;
  /** The editor's settings, under the file. */
  overrides?: ConfigOverrides & { stories?: string[] };
}

export async function findConfigFile(host: BankHost, root: string): Promise<string | undefined> {
  let folder: string | undefined = root;
  const rootStat = await host.stat(root);
  if (rootStat?.kind === 'file') folder = host.parent(root);
  while (folder !== undefined) {
    const candidate = host.join(folder, CONFIG_FILE_NAME);
    if ((await host.stat(candidate))?.kind === 'file') return candidate;
    if (await host.stat(host.join(folder, '.git'))) return undefined;
    folder = host.parent(folder);
  }
  return undefined;
}

export type ConfigSourceOutcome = { ok: true; source: ConfigSource } | { ok: false; message: string };

/** Finds (or takes the explicit) configuration file and reads it; an unreadable file is an outcome, not a throw. */
export async function readConfigSource(
  host: BankHost,
  root: string,
  options: Omit<ConfigSource, 'file' | 'text'> & { explicitFile?: string } = {},
): Promise<ConfigSourceOutcome> {
  const { explicitFile, ...rest } = options;
  const file = explicitFile ?? (await findConfigFile(host, root));
  if (file === undefined) return { ok: true, source: { file: undefined, text: undefined, ...rest } };
  const read = await host.readFile(file);
  const decoded = read.ok ? decodeStoryBytes(read.bytes) : read;
  if (!decoded.ok) return { ok: false, message: `cannot read configuration ${file}: it ${decoded.message}` };
  return { ok: true, source: { file, text: decoded.text, ...rest } };
}
