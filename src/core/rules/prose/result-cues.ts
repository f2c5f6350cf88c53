/**
 * Cues that a result sentence is measurable, or vague, for the `result` rule. Every pattern runs over
 * `plainSentence` text: lowercase, markup removed, punctuation kept.
 */

const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

/** A figure written with digits: "40%", "$2.5m", "3x", "12", "1,200". Not "q3", "v2", "b2b" or "fy24". */
const DIGIT_NUMBER = /(?<![\w.$€£])([$€£]?)(\d[\d,]*(?:\.\d+)?)([a-z%]*)(?![\w])/g;
/** Units a figure may carry; anything else ("1st", "9am") is an ordinal or a clock time, not a measure. */
const UNITS = new Set(['', '%', 'k', 'm', 'mm', 'bn', 'b', 'x', 'pp', 'pt', 'pts', 'ms', 's', 'sec', 'h', 'hr', 'hrs', 'min', 'mins', 'd', 'gb', 'tb', 'mb', 'kb']);
/** "2000 users", "1950 new sellers": a four-digit figure followed by what it counts is not a year. */
const COUNTED_AFTER = /^ (?:(?!was\b|is\b|has\b|as\b|this\b|thus\b)[a-z]+s\b|(?:people|staff|new|more|fewer|active|paying|daily|weekly|monthly|extra|additional)\b)/;
/** "1:1s" and "1-on-1s" are meetings, not measures. */
const ONE_ON_ONE = /\b1(?::|-on-)1s?\b/g;
const MONTH_BEFORE = new RegExp(`\\b${MONTH}\\.? $`);
const MONTH_AFTER = new RegExp(`^(?:st|nd|rd|th)?(?: of)? ${MONTH}\\b`);

/** Numbers written out, multipliers and fractions. "one" is left out: "one of", "no one", "one day". */
const WORD_NUMBER = new RegExp(
  '\\b(?:' +
    [
      '(?<!\\b(?:the|both|these|those|our|my|their|his|her|all|its) )(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|billion|dozen|dozens)(?! of (?:us|them|you)\\b)',
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

/** "went from weekly to daily", "dropped to zero", "grew by a third". */
const BEFORE_AFTER = new RegExp(
  '\\b(?:(?:went|moved|changed|shifted|switched|came down|came up) from\\b[^.;!?]{1,60}?\\bto\\b|' +
    '(?:grew|grown|rose|risen|fell|fallen|dropped|jumped|climbed|declined|shrank|shrunk|improved|increased|' +
    'decreased|reduced|sank|slid|plummeted|soared|spiked|dipped|ticked (?:up|down)|cut|lifted|boosted|shortened|' +
    'lengthened|sped up|slowed)\\b[^.;!?]{0,40}?\\b(?:from|to|by)\\b)',
);

/** "on time", "a week early", "met the deadline", "by Q3": a date met, but only in a delivery sentence. */
const DATE_MET = new RegExp(
  '\\b(?:on time|on schedule|on budget|under budget|ahead of schedule|on the (?:planned |agreed )?date|' +
    'in time for|(?:met|hit|made|beat) (?:the|our|its|that) (?:\\w+ )?(?:deadline|date|launch date|target date)|' +
    'before the (?:deadline|cutoff|cut-off|holidays?|freeze|code freeze)|' +
    '(?:a|one|two|three|four|\\d+) (?:days?|weeks?|months?|sprints?) (?:early|ahead|before)|' +
    '(?:by|in|for) (?:the )?(?:end of (?:the )?(?:quarter|year|month|sprint)|q[1-4]|h[12]|fy ?\\d{2,4}|' +
    MONTH +
    '\\b|monday|tuesday|wednesday|thursday|friday|deadline))',
);
const DELIVERY = /\b(?:shipped|ship|shipping|launched|launch|released|release|delivered|deliver|went live|go live|is live|was live|rolled out|landed|closed|finished|completed|signed|migrated|deployed|done|submitted|handed over|cut over|deadline)\b/;

/** A concrete outcome someone could observe, told in the past or present: not a hope or a plan. */
const OUTCOME = new RegExp(
  '\\b(?:' +
    [
      'shipped|launched|released|went live|is live|was live|are live|rolled out|delivered|deployed|migrated',
      'adopted|renewed|re-signed|signed(?: up| on)?|greenlit|green-lit|funded|approved|hired|promoted',
      'killed (?!it\\b)(?:\\w+ )?(?:project|feature|idea|launch|plan|test|experiment|product|initiative|program|deal)',
      'killed the|cancell?ed|shut (?:it |the \\w+ )?down|sunset(?:ted)?|deprecated|retired|discontinued|paused',
      'won|lost (?:the|a|an|our|two|three|\\d)|churned|closed (?:the|a|an|our)|reverted|rolled (?:it )?back|reversed',
      'replaced|reused|re-used|copied|expanded to|merged|resolved|fixed|stopped|removed|dropped (?:the|it|our)',
      'became (?:the|our|a) (?:default|standard|template|norm|baseline|playbook)|made (?:it )?(?:the )?(?:default|standard)',
      'now (?:uses?|runs?|owns?|ships?|reviews?|requires?|has|have|gets?|includes?|starts?)',
      'still (?:uses?|used|in use|runs?|running|exists)|in production',
      'passed (?:the|its|our) (?:audit|review|security review|launch review)',
      'asked me to|invited me to|put me in charge|gave me (?:the|a|an|ownership)|offered (?:me|us) ',
    ].join('|') +
    ')\\b',
  'g',
);
/** "Some members cancelled", "many users churned": an unquantified crowd is not an observable outcome. */
const VAGUE_CROWD_BEFORE = /\b(?:some|many|a few|few|several|most|lots of|a lot of|a number of|plenty of|various|a handful of|countless|a couple of)(?: [\w'-]+){0,2} $/;
const HYPOTHETICAL_BEFORE = /\b(?:will|would|could|might|should|may|hope|hoped|hoping|plan|planned|planning|expect|expected|expecting|aim|aiming|want|wanted|wants|tried|trying|try|if|unless|going to|about to|to be)\b[^.;!?]{0,20}$/;

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

export interface ResultCues {
  /** A figure that measures something (digits, written numbers, multipliers), excluding dates and years. */
  number: string | undefined;
  /** A day, month or year written with digits: counts only when the sentence is about delivery. */
  dateNumber: boolean;
  beforeAfter: boolean;
  dateMet: boolean;
  outcome: boolean;
  vague: boolean;
}

export function readResultCues(plain: string): ResultCues {
  const numbers = findNumbers(plain);
  return {
    number: numbers.measure,
    dateNumber: numbers.date,
    beforeAfter: BEFORE_AFTER.test(plain),
    dateMet: (numbers.date || DATE_MET.test(plain)) && DELIVERY.test(plain),
    outcome: hasOutcome(plain),
    vague: VAGUE.test(plain),
  };
}

/** The first measuring figure in the sentence, as written (lowercase), or a written number word. */
export function findNumbers(plain: string): { measure: string | undefined; date: boolean } {
  const text = plain.replace(ONE_ON_ONE, ' ');
  let date = false;
  DIGIT_NUMBER.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = DIGIT_NUMBER.exec(text))) {
    const [whole, currency, digits, unit] = match;
    if (!UNITS.has(unit)) continue;
    const before = text.slice(Math.max(0, match.index - 12), match.index);
    const after = text.slice(match.index + whole.length, match.index + whole.length + 16);
    const isYear = !currency && !unit && /^(?:19|20)\d\d$/.test(digits) && !COUNTED_AFTER.test(after);
    const isDay = !currency && !unit && /^\d{1,2}$/.test(digits) && (MONTH_BEFORE.test(before) || MONTH_AFTER.test(after));
    if (isYear || isDay) {
      date = true;
      continue;
    }
    return { measure: whole, date };
  }
  const word = WORD_NUMBER.exec(text);
  return { measure: word ? word[0] : undefined, date };
}

function hasOutcome(plain: string): boolean {
  OUTCOME.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = OUTCOME.exec(plain))) {
    const before = plain.slice(Math.max(0, match.index - 40), match.index);
    if (!HYPOTHETICAL_BEFORE.test(before) && !VAGUE_CROWD_BEFORE.test(before)) return true;
  }
  return false;
}
