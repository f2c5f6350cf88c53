/**
 * Cues that a sentence names a choice with a cost, for the `tradeoff` rule. Every pattern runs over
 * `plainSentence` text: lowercase, markup removed, punctuation kept. The patterns are deliberately narrow;
 * the rule's docs list what counts and which look-alikes ("over three months", "took over") do not.
 */

/** Words that make "X over Y" a preference between options rather than a time span or a quantity. */
const CHOICE_BEFORE = new RegExp(
  '\\b(?:' +
    [
      'cho(?:se|ose|oses|osing|sen)',
      'pick(?:ed|s|ing)?',
      'prioriti[sz](?:e|ed|es|ing)',
      'favou?r(?:ed|s|ing)?',
      'prefer(?:red|s|ring)?',
      'opt(?:ed|s|ing)?',
      'select(?:ed|s|ing)?',
      '(?:went|go|going|goes) with',
      'back(?:ed|ing)',
      'bet(?:ting)?',
      'valu(?:e|ed|es|ing)',
      'recommend(?:ed|s|ing)?',
      'argu(?:e|ed|es|ing)',
      'push(?:ed|es|ing)? for',
      'advocat(?:e|ed|es|ing)',
      'decid(?:e|ed|es|ing)',
      'decision',
      'choice',
      'call was',
      'my call',
    ].join('|') +
    ')\\b',
);

/** Verbs that make "over" a particle: "took over", "handed it over", "talked it over", "the game was over". */
const PARTICLE_VERBS = new Set(
  (
    'take took takes taking taken hand handed hands handing turn turned turns turning go went goes going gone ' +
    'look looked looking talk talked talking think thought mull mulled move moved moving pass passed passing ' +
    'win won winning get got getting gotten carry carried carrying run ran running fall fell falling start ' +
    'started starting come came coming watch watched preside presided roll rolled rolling game all spill ' +
    'spilled blow blew tip tipped knock knocked pull pulled step stepped sign signed hold held left leave ' +
    'stay stayed sleep slept fly flew drive drove bend bent hang hung cross crossed is was were are be been ' +
    "it's it them him her this that everything things stuff tick ticked roll boil boiled brush brushed paper " +
    'papered gloss glossed cut cutting'
  ).split(' '),
);

const TIME_OR_AMOUNT =
  '(?:time|times|day|days|week|weeks|weekend|weekends|month|months|quarter|quarters|year|years|summer|summers|' +
  'winter|spring|fall|autumn|holidays?|sprints?|period|decade|hours?|minutes?|nights?|morning|evening|lunch|' +
  'coffee|dinner|breakfast|drinks|phone|email|e-mail|slack|zoom|video|chat|budget|capacity|and|again|there|' +
  'here|to|percent|half|twice|double|\\d[\\d,.]*%?|one (?:day|night|week|weekend|month|quarter|year|sprint|summer|winter)|two|three|four|five|six|seven|eight|nine|ten|eleven|' +
  'twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|' +
  'millions|billion|dozen|dozens|several|many|multiple|few|couple)';
/** What follows "over" when it measures time or quantity: "over the next two quarters", "over 40 percent". */
const OVER_FALSE_FRIEND = new RegExp(
  '^(?:-|(?:(?:the|a|an|this|that|these|those|its|our|my|their|his|her|course|of|next|past|last|following|' +
    'coming|first|whole|entire|same|previous|remaining|final|long|busy|short) )*' +
    TIME_OR_AMOUNT +
    '\\b)',
);
const OVER = /\bover\b/g;

/** Cues that stand on their own wherever they appear. */
const STANDALONE_CUES: RegExp[] = [
  /\bat the (?:cost|expense|price|risk) of\b/,
  /\btrade-?offs?\b/,
  /\btrade offs?\b/,
  /\btrad(?:ed|ing) (?:off|away)\b/,
  /(?<!publicly |privately )\btraded\b/,
  /\bthe trade (?:was|is|being)\b/,
  /\bdownsides?\b/,
  /\bthe price (?:we|i) paid\b/,
  /\bde-?prioriti[sz](?:e|ed|es|ing)\b/,
  /\beven (?:though|if|when) (?:it|that|this|doing so) (?:meant|means|would mean|cost)\b/,
  /\bwhich meant (?:giving up|losing|delaying|dropping|cutting|missing|slipping|pushing|accepting|skipping|leaving)\b/,
  /\b(?:i|we) risk(?:ed|ing)?\b/,
  /\brisking\b/,
  /\bwilling to (?:lose|accept|delay|miss|give up|sacrifice|slip|eat|take a hit|risk|wait)\b/,
  /\b(?:i|we) could (?:have )?(?:either )?[^.;?!]{2,80}?\bor\b/,
  /\b(?:i|we) (?:had|faced|saw|weighed|considered|laid out|compared|put forward|proposed) (?:the |a |an )?(?:two|three|four|several|multiple|competing|clear|real|hard) ?(?:options|choices|paths|alternatives|approaches|proposals|bets|directions|ways forward)\b/,
  /\b(?:two|three|four|both|several|multiple|competing) (?:options|choices|paths|alternatives|approaches|proposals|bets|directions)\b/,
  /\bthe (?:alternative|other option)s?\b/,
  /\b(?:choice|choosing|chose|choose|decide|deciding|decision|pick|picking) (?:was )?between\b/,
  /\bweigh(?:ed|ing)? [^.;?!]{1,60}?\bagainst\b/,
  /\b(?:chose|picked|went with|selected|opted for|backed|bet on|prioriti[sz]ed|recommended|decided on|kept)\b[^.;?!]{1,60}?(?:,| and| but) not (?!only\b|just\b|because\b|yet\b|until\b|sure\b|long\b|to\b)\w/,
  /\b(?:said no to|turned down|walked away from|cut (?:the )?scope|descoped|de-scoped|left out|held back)\b/,
  /\b(?:would|'d) rather\b[^.;?!]{1,60}?\bthan\b/,
  /\b(?:the )?(?:cost|price|catch) (?:was|would be|of that|of this) (?:that|a|an|losing|giving|delaying|slower|fewer|less|lower|weeks?|months?|some)\b/,
];

/** "accepted the risk", "accepting a later read", "accepted that we would miss the date". Not "accepted the offer". */
const ACCEPT = /\baccept(?:ed|ing|s)?\b(?: that\b|(?: \S+){0,3}? (?:risks?|delays?|hit|loss|losses|costs?|downside|trade-?off|dip|drop|slip|slippage|penalty|gap|debt|churn|complaints|fewer|less|lower|slower|later|smaller|worse|weaker|reduced|short-term|shorter|narrower|partial|uncertainty|possibility|chance)\b)/;
/** "gave up the enterprise deal"; not "never gave up" or "without giving up". */
const GAVE_UP = /\b(gave|give|giving|given|gives) up\b/g;
const SACRIFICE = /\bsacrific(?:e|ed|es|ing)\b/g;
const NEGATED_BEFORE = /(?:\bnever|\bnot|n't|\bwithout|\brefused to|\brefuse to|\bno) (?:\w+ )?$/;

/** Comparison cues that, inside a Result, usually compare outcomes ("two rounds instead of three"). */
const INSTEAD_OF = /\binstead of\b|(?:^|[;:,.] |- )instead\b|\binstead[.,;!]|\binstead$/;
const RATHER_THAN = /\brather than\b/;
const RESULT_CHOICE = /\b(?:i|we) (?:chose|decided|opted|picked|went with|prioriti[sz]ed|pushed for|argued for|bet on)\b/;

/** "Option A … option B", "plan A … plan B": two named options, possibly in different sentences. */
const FIRST_OPTION = /\b(?:option|plan|path) (?:a|1|one)\b/;
const SECOND_OPTION = /\b(?:option|plan|path) (?:b|2|two)\b/;

/** Which of the two named options a sentence mentions (bit 1: the first, bit 2: the second). */
export function namedOptions(plain: string): number {
  return (FIRST_OPTION.test(plain) ? 1 : 0) | (SECOND_OPTION.test(plain) ? 2 : 0);
}

export interface TradeoffCueOptions {
  /** True for sentences of the Result section: there "instead of" and "rather than" need an explicit choice. */
  inResult: boolean;
  /** Extra lowercase phrases that count as cues (from the rule's options). */
  extra: readonly RegExp[];
}

export function hasTradeoffCue(plain: string, options: TradeoffCueOptions): boolean {
  if (STANDALONE_CUES.some((cue) => cue.test(plain))) return true;
  if (ACCEPT.test(plain)) return true;
  if (hasUnnegated(plain, GAVE_UP) || hasUnnegated(plain, SACRIFICE)) return true;
  if (INSTEAD_OF.test(plain) || RATHER_THAN.test(plain)) {
    if (!options.inResult || RESULT_CHOICE.test(plain)) return true;
  }
  if (hasChoiceOver(plain)) return true;
  return options.extra.some((cue) => cue.test(plain));
}

function hasUnnegated(plain: string, pattern: RegExp): boolean {
  pattern.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(plain))) {
    if (!NEGATED_BEFORE.test(plain.slice(Math.max(0, match.index - 30), match.index))) return true;
  }
  return false;
}

/** "I chose retention over short-term revenue": a choice word before, an option (not a time or amount) after. */
function hasChoiceOver(plain: string): boolean {
  OVER.lastIndex = 0;
  let match: RegExpExecArray | null;
  let firstChoice: number | undefined;
  while ((match = OVER.exec(plain))) {
    if (plain[match.index + 4] === '-') continue;
    const previousWord = wordBefore(plain, match.index);
    if (!previousWord || PARTICLE_VERBS.has(previousWord)) continue;
    const after = plain.slice(match.index + 4, match.index + 124).replace(/^[\s,]+/, '');
    if (!after || OVER_FALSE_FRIEND.test(after) || !/^[\w"'$(]/.test(after)) continue;
    if (firstChoice === undefined) {
      const choice = CHOICE_BEFORE.exec(plain);
      firstChoice = choice ? choice.index + choice[0].length : Infinity;
    }
    if (firstChoice <= match.index) return true;
  }
  return false;
}

/** The word that ends right before `index`, skipping spaces and punctuation; scans backwards, so it stays linear. */
function wordBefore(plain: string, index: number): string | undefined {
  let end = index;
  while (end > 0 && !/[\w'-]/.test(plain[end - 1])) end--;
  let start = end;
  while (start > 0 && end - start < 40 && /[\w'-]/.test(plain[start - 1])) start--;
  return start < end ? plain.slice(start, end) : undefined;
}

/** Builds word-bounded, case-insensitive patterns from the rule's `cues` option. */
export function compileExtraCues(phrases: readonly string[]): RegExp[] {
  return phrases
    .map((phrase) => phrase.trim().toLowerCase())
    .filter(Boolean)
    .map((phrase) => new RegExp(`(?:^|\\W)${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')}(?:$|\\W)`));
}
