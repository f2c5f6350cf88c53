// Facts about English words that more than one rule reads: pronouns, forms of "be", modals, negations,
// determiners, hedges, dates, time units, number words. Each set is written once, in the form `normalizeWord`
// gives (lower case, straight apostrophes). A rule's own judgment (its cue verbs and phrases) stays beside it.

/** Lower case, typographic apostrophes made straight: the form every word set here is written in. */
export function normalizeWord(text: string): string {
  return text.toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'");
}

/** A regular-expression group matching any one of `words` as written: `(?:a|b|c)`. */
export function anyOf(words: Iterable<string>): string {
  return `(?:${[...words].map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`;
}

// ---- pronouns and determiners ----------------------------------------------------------------------------

export const FIRST_PERSON_SUBJECTS: ReadonlySet<string> = new Set(['i', 'we']);
/** A first-person subject fused with "have" or "would": "I've", "we'd". */
export const FIRST_PERSON_AUXILIARY_CONTRACTIONS: ReadonlySet<string> = new Set(["i've", "we've", "i'd", "we'd"]);
/** A first-person subject fused with a form of "be": "I'm", "we're". */
export const FIRST_PERSON_BE_CONTRACTIONS: ReadonlySet<string> = new Set(["i'm", "we're"]);

export const SUBJECT_PRONOUNS: ReadonlySet<string> = new Set(['i', 'we', 'you', 'he', 'she', 'it', 'they']);
export const ARTICLES: ReadonlySet<string> = new Set(['a', 'an', 'the']);
export const DEMONSTRATIVES: ReadonlySet<string> = new Set(['this', 'that', 'these', 'those']);
export const POSSESSIVE_DETERMINERS: ReadonlySet<string> = new Set(['my', 'our', 'your', 'their', 'his', 'her', 'its']);

// ---- verbs -------------------------------------------------------------------------------------------------

/** Every written form of "be", contracted and negated ones included, mapped to its plain form: "wasn't" to "was". */
export const BE_FORMS: ReadonlyMap<string, string> = new Map([
  ['am', 'am'],
  ['are', 'are'],
  ['is', 'is'],
  ['was', 'was'],
  ['were', 'were'],
  ['be', 'be'],
  ['been', 'been'],
  ['being', 'being'],
  ["wasn't", 'was'],
  ["weren't", 'were'],
  ["isn't", 'is'],
  ["aren't", 'are'],
  ["i'm", 'am'],
  ["we're", 'are'],
  ["they're", 'are'],
  ["you're", 'are'],
  ["it's", 'is'],
  ["that's", 'is'],
  ["this's", 'is'],
  ["what's", 'is'],
  ["there's", 'is'],
  ["he's", 'is'],
  ["she's", 'is'],
  ["who's", 'is'],
]);

export const MODAL_VERBS: ReadonlySet<string> = new Set(['can', 'could', 'may', 'might', 'must', 'shall', 'should', 'will', 'would']);
/** The modals with "not" fused on, as one written word: "won't", "couldn't". */
export const NEGATED_MODALS: ReadonlySet<string> = new Set(["can't", "couldn't", "mightn't", "mustn't", "shan't", "shouldn't", "won't", "wouldn't"]);

/** Verbs of thinking, feeling and perceiving: what someone had in mind, not what they did. */
export const MENTAL_VERBS: ReadonlySet<string> = new Set([
  'think',
  'believe',
  'feel',
  'want',
  'hope',
  'wish',
  'know',
  'guess',
  'suppose',
  'realize',
  'realise',
  'notice',
  'see',
  'understand',
  'wonder',
  'worry',
  'learn',
]);

/** Particles of phrasal verbs: "rolled *out*", "pushed *back*". */
export const PHRASAL_PARTICLES: ReadonlySet<string> = new Set(['out', 'up', 'down', 'off', 'back', 'through', 'aside', 'away']);

// ---- negation and hedging ----------------------------------------------------------------------------------

/** Words that negate what follows (the "n't" of a contraction is a token of its own in the tagger's output). */
export const NEGATIONS: ReadonlySet<string> = new Set(['not', 'never', 'no']);
/** Pronouns and quantifiers that say nothing or nobody took part: "none of them", "zero incidents". */
export const NEGATIVE_QUANTIFIERS: ReadonlySet<string> = new Set(['nothing', 'nobody', 'none', 'zero']);

/** Words and phrases that soften a claim about what happened ("maybe", "kind of", "I think"). */
export const HEDGES: ReadonlySet<string> = new Set([
  'maybe',
  'perhaps',
  'possibly',
  'probably',
  'somewhat',
  'kind of',
  'sort of',
  'a bit',
  'more or less',
  'somehow',
  'hopefully',
  'arguably',
  'presumably',
  'supposedly',
  'seem',
  'seems',
  'seemed',
  'think',
  'guess',
  'believe',
  'suppose',
]);
/** Of the hedges, the verbs of opinion, which hedge only with a first-person subject: "I think", not "they think". */
export const OPINION_VERBS: ReadonlySet<string> = new Set(['think', 'guess', 'believe', 'suppose']);

/** Words that make the figure after them approximate: "about 40%", "nearly two weeks". */
export const APPROXIMATORS: ReadonlySet<string> = new Set(['about', 'around', 'roughly', 'nearly', 'almost', 'approximately']);

// ---- time and number ---------------------------------------------------------------------------------------

export const WEEKDAYS: ReadonlySet<string> = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
export const MONTHS: ReadonlySet<string> = new Set([
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]);
export const MONTH_ABBREVIATIONS: ReadonlySet<string> = new Set(['jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);
export const CALENDAR_QUARTERS: ReadonlySet<string> = new Set(['q1', 'q2', 'q3', 'q4']);
/** Units that measure a stretch of time, in the singular. */
export const TIME_UNITS: ReadonlySet<string> = new Set(['minute', 'hour', 'day', 'week', 'weekend', 'month', 'quarter', 'year']);

/** Number words up to ten, which is where writers usually switch to digits. */
export const NUMBER_WORDS_TO_TEN: ReadonlySet<string> = new Set(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten']);
/** Every cardinal number word, from "one" to "billion". */
export const NUMBER_WORDS: ReadonlySet<string> = new Set([
  ...NUMBER_WORDS_TO_TEN,
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'sixty',
  'seventy',
  'eighty',
  'ninety',
  'hundred',
  'thousand',
  'million',
  'billion',
]);
/** Nouns of a round count: "a dozen", "hundreds of". */
export const COUNT_NOUNS: ReadonlySet<string> = new Set(['dozen', 'dozens', 'hundreds', 'thousands', 'millions', 'billions']);
