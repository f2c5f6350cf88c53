import { frontmatter } from './frontmatter';
import type { Rule } from './rule';

/** Every rule, in the order its findings are explained in the docs. */
export const RULES: readonly Rule<any>[] = [frontmatter];

export const RULES_BY_ID: ReadonlyMap<string, Rule<any>> = new Map(RULES.map((rule) => [rule.id, rule]));
