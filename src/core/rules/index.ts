import { answerShape } from './answer-shape';
import { frontmatter } from './frontmatter';
import { passive } from './passive';
import { result } from './result';
import { role } from './role';
import type { Rule } from './rule';
import { structure } from './structure';
import { slogans } from './slogans';
import { timing } from './timing';
import { tradeoff } from './tradeoff';

/** Every rule, in the order its findings are explained in the docs. */
export const RULES: readonly Rule<any>[] = [
  // The three filters first: they decide whether a story is ready.
  tradeoff,
  role,
  result,
  frontmatter,
  structure,
  answerShape,
  timing,
  slogans,
  passive,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule<any>> = new Map(RULES.map((rule) => [rule.id, rule]));
