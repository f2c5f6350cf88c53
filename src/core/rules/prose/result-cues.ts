import { anyOf, COUNT_NOUNS, MONTH_ABBREVIATIONS, MONTHS, NUMBER_WORDS, POSSESSIVE_DETERMINERS } from '../../language/lexicon';

/**
 * The `result` rule's wording cues: a vague result, and the first figure of a sentence (to say that a number
 * sits outside the result). Whether a result is measurable is read from the linguistic layer
 * (outcome-shapes.ts). Every pattern runs over `plainSentence` text: lowercase, markup removed, punctuation kept.
 */

const MONTH = anyOf([...MONTHS, ...MONTH_ABBREVIATIONS]);

/** A figure written with digits: "40%", "$2.5m", "3x", "12", "1,200". Not "q3", "v2", "b2b" or "fy24". */
const DIGIT_NUMBER = /(?<![\w.$€£])([$€£]?)(\d[\d,]*(?:\.\d+)?)([a-z%]*)(?![\w])/g;
/** Units a figure may carry; anything else ("1st", "9am") is an ordinal or a clock time, not a measure. */
const UNITS = new Set([
  '',
  '%',
  'k',
  'm',
  'mm',
  'bn',
  'b',
  'x',
  'pp',
  'pt',
  'pts',
  'ms',
  's',
  'sec',
  'h',
  'hr',
  'hrs',
  'min',
  'mins',
  'd',
  'gb',
  'tb',
  'mb',
  'kb',
]);
/** "2000 users", "1950 new sellers": a four-digit figure followed by what it counts is not a year. */
const COUNTED_AFTER =
  /^ (?:(?!was\b|is\b|has\b|as\b|this\b|thus\b)[a-z]+s\b|(?:people|staff|new|more|fewer|active|paying|daily|weekly|monthly|extra|additional)\b)/;
/** "1:1s" and "1-on-1s" are meetings, not measures. */
const ONE_ON_ONE = /\b1(?::|-on-)1s?\b/g;
const MONTH_BEFORE = new RegExp(`\\b${MONTH}\\.? $`);
const MONTH_AFTER = new RegExp(`^(?:st|nd|rd|th)?(?: of)? ${MONTH}\\b`);

/** Numbers written out, multipliers and fractions. "one" is left out: "one of", "no one", "one day". */
const NUMBERS_ABOVE_ONE = [...NUMBER_WORDS, ...COUNT_NOUNS].filter((word) => word !== 'one');
// After a determiner a number names a known group ("our two teams"); "this" and "that" are left out, since before
// a plural number "that" is a conjunction ("accepting that two prospects might walk").
const WORD_NUMBER = new RegExp(
  '\\b(?:' +
    [
      `(?<!\\b${anyOf(['the', 'both', 'all', 'these', 'those', ...POSSESSIVE_DETERMINERS])} )${anyOf(NUMBERS_ABOVE_ONE)}(?! of (?:us|them|you)\\b)`,
      'zero',
      'doubled|halved|tripled|quadrupled|tenfold|twofold|threefold|double-digit|single-digit',
      '(?:by|in|cut|to) half',
      'half (?:of|the|as)',
      'twice as',
      'a (?:third|fifth|tenth)',
      '(?:by|cut|to|about|nearly|almost|over|roughly|under|of) a quarter',
      'a quarter of',
      'percent|per cent|percentage points?|basis points',
    ].join('|') +
    ')\\b',
);

/** Outcomes told only as feelings or praise. */
const VAGUE = new RegExp(
  '\\b(?:' +
    [
      'went (?:really |very |super |quite |extremely |pretty )?(?:well|great|smoothly|fine|ok|okay|down well)',
      '(?:was|were|felt|seemed|are|is|became|got|looked) (?:very |really |super |quite |extremely |all |so |pretty |genuinely )?(?:pleased|happy|thrilled|satisfied|delighted|impressed|excited|grateful|glad|on board|aligned|positive|supportive)',
      '(?:positive|good|great|strong|amazing|glowing|excellent|encouraging|nice) (?:feedback|reception|response|reviews?|results?|outcomes?|impact|vibes|comments)',
      'learning (?:experience|opportunity)',
      '(?:a|an|the) (?:great |huge |big |real |total |resounding |clear |massive |major )?(?:success|win|hit)',
      'successful(?:ly)?|well[- ]received|worked out|paid off|a lot better|much better',
      'made (?:a|an) (?:big |real |huge |positive )?(?:difference|impact)',
      '(?:big|huge|significant|major|real|positive|meaningful|great|measurable) (?:impact|improvement|difference|boost)',
      'improved (?:a lot|significantly|dramatically|greatly|massively|things)',
      'everyone (?:was|felt|is|seemed|loved)|(?:loved|liked) it|learn(?:ed|t) a lot|nailed it|killed it',
      'better alignment|more aligned|things (?:got|went|were) better|grew as a',
    ].join('|') +
    ')\\b',
);

/** A result told only as a feeling or as praise: "it went well", "stakeholders were pleased". */
export function isVague(plain: string): boolean {
  return VAGUE.test(plain);
}

/** The first measuring figure in the sentence, as written (lowercase), or a written number word; years and days are skipped. */
export function firstFigure(plain: string): string | undefined {
  const text = plain.replace(ONE_ON_ONE, ' ');
  DIGIT_NUMBER.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = DIGIT_NUMBER.exec(text))) {
    const [whole, currency, digits, unit] = match;
    if (!UNITS.has(unit)) continue;
    const before = text.slice(Math.max(0, match.index - 12), match.index);
    const after = text.slice(match.index + whole.length, match.index + whole.length + 16);
    const isYear = !currency && !unit && /^(?:19|20)\d\d$/.test(digits) && !COUNTED_AFTER.test(after);
    const isDay = !currency && !unit && /^\d{1,2}$/.test(digits) && (MONTH_BEFORE.test(before) || MONTH_AFTER.test(after));
    if (isYear || isDay) continue;
    return whole;
  }
  return WORD_NUMBER.exec(text)?.[0];
}
