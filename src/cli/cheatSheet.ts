// The engine half of `storybank export`: indexes the bank in full and builds the cheat sheet. Loaded with the
// engine bundle (see engine.ts), never by the light CLI.
import { buildCheatSheet, type CheatSheet, type ResolvedConfig } from '../core';
import { BankIndex, type BankError, type ConfigOptions } from '../core/bank';
import { inThreadChecker } from '../core/bank/default-checker';
import { nodeHost } from './node-host';

export async function exportBank(inputs: string[], configOptions: ConfigOptions): Promise<{ sheet: CheatSheet; config: ResolvedConfig; errors: BankError[] }> {
  const index = new BankIndex({ host: nodeHost, root: inputs[0], checker: inThreadChecker, configOptions });
  await index.load({ inputs });
  return { sheet: buildCheatSheet(index.config.profile, index.stories()), config: index.config, errors: [...index.configProblems, ...index.errors()] };
}
