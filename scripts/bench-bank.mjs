// Deterministic story banks for the benchmark and the parallel-equivalence test.
// Same seed and count -> byte-identical files. Stories are 200-400 words of plausible interview prose with
// YAML frontmatter; about a quarter have no section headings, and a mix is deliberately weak (vague result,
// "we" in place of "I", no tradeoff), so every rule has work to do.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: small, fast, deterministic. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const QUESTIONS = ['judgment', 'candor', 'disagree-commit', 'failure', 'leadership'];
const COMPANIES = ['Lumen', 'Northwind', 'Harbor Pay', 'Atlas Health', 'Quill', 'Brightside Media', 'Copperline', 'Fennel'];
const ROLES = ['Product Manager, Growth', 'Senior PM, Payments', 'PM, Onboarding', 'Group PM, Playback', 'PM, Creator Tools'];
const PRODUCTS = [
  'free trial',
  'checkout flow',
  'kids profile',
  'download queue',
  'subtitle pipeline',
  'search ranking',
  'billing page',
  'recommendation row',
  'refund flow',
  'onboarding survey',
];
const PEOPLE = [
  'our design lead',
  'the head of engineering',
  'a data scientist on the team',
  'the finance partner',
  'our director',
  'the support lead',
  'a senior engineer',
];
const METRICS = ['conversion', 'week-one retention', 'refund tickets', 'playback errors', 'time to first play', 'churn', 'support contacts', 'activation'];
const OPTIONS = [
  'a staged rollout',
  'a full launch',
  'a two-week experiment',
  'a manual workaround',
  'a vendor contract',
  'an in-house build',
  'a smaller default',
  'a reminder email',
];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const CONTEXT = [
  'At {company} I owned the {product} for about {n} million members, and {metric} had been slipping for two quarters.',
  'The {product} was the first thing new members touched, and {person} had already flagged it as the weakest part of the experience.',
  'We had {n} weeks before the annual planning review, and nobody agreed on what was causing the drop in {metric}.',
  'Our data on the {product} was thin: the last real study was two years old and covered a different market.',
  'Leadership had asked for a plan by the end of {month}, and three teams each believed the problem belonged to someone else.',
  'The {product} had grown by accretion, with {n} settings that nobody could explain to a new hire.',
];
const TASK = [
  'My goal was to decide whether to ship {option} or {option2} before the holiday freeze.',
  'I had to bring {metric} back to where it was in {month} without adding headcount.',
  'The problem was that every week of delay cost us members, but a wrong call would be hard to undo.',
];
const ACTION_STRONG = [
  'I compared {option} with {option2} and chose {option} over {option2}, accepting a slower start in exchange for cleaner data.',
  'I wrote a one-page decision memo that named the cost we were taking on and shared it with {person} before the review.',
  'I pulled {n} weeks of support tickets myself and tagged each one, which showed that most complaints came from a single step.',
  'I told {person} directly that the plan would not hold, and I used the exact words "this slips unless we cut scope".',
  'I ran the first two experiment readouts and decided to stop the test early when the guardrail metric moved.',
  'I met each team lead one on one, listened to what they were measured on, and proposed a shared target for {metric}.',
  'I gave up the larger redesign to protect the launch date, and I said so in the planning doc.',
  'I owned the mistake in the retro, explained what I had missed, and rewrote the checklist the same afternoon.',
];
const ACTION_WEAK = [
  'We discussed the options as a team and aligned on a direction that everyone was comfortable with.',
  'The team looked at the data and it was decided that the rollout should continue as planned.',
  'My team handled the analysis and the engineers took over the implementation over three months.',
  'We used data to decide and stayed open to feedback throughout the process.',
  'There were a lot of meetings and eventually things moved forward with the new approach.',
  'We worked closely with {person} and made sure all stakeholders were in the loop.',
];
const RESULT_STRONG = [
  '{metric} improved from {a}% to {b}% within {n} weeks, and we rolled the change out to every market by {month}.',
  'Refund tickets fell by {n}0% in the first month, and {person} adopted the same template for two other teams.',
  'We shipped on {month} {n}, two weeks ahead of the freeze, and the experiment held at a {a}% lift after a full quarter.',
  'Support contacts for the {product} dropped from about {n}00 a week to under {a}, and nobody reopened the decision.',
];
const RESULT_WEAK = [
  'It went well overall and the stakeholders were pleased with how it turned out.',
  'The launch was a success and it was a great learning experience for everyone involved.',
  'People seemed happier with the {product} afterwards, and the team felt good about the work.',
];
const LESSON = [
  'I now write down what I am giving up before I decide, so the cost is visible to everyone and not just to me.',
  'I learned to set the decision deadline before the data arrives, so waiting becomes a choice instead of a default.',
  'Since then I ask for the uncomfortable feedback in the first week of a project, not at the end.',
  'I changed how I run reviews: the person closest to the data speaks first, and I speak last.',
];
const FILLER = [
  'The detail mattered because the {product} touched every new member in the first session.',
  'I kept a short log of each call so that the reasoning would survive after the project ended.',
  'Looking back, the hardest part was not the analysis but getting agreement on what success meant.',
  'It also meant telling {person} that their preferred plan would wait until the next quarter.',
  'The numbers were noisy at first, so I waited for a full weekly cycle before reading them.',
];

const HEADINGS = {
  context: ['Situation', 'Context', 'Background'],
  task: ['Task', 'Goal', 'Problem'],
  action: ['Action', 'Actions', 'What I did'],
  result: ['Result', 'Outcome', 'Impact'],
  lesson: ['Lesson', 'What I learned', 'Reflection'],
};

export function generateStory(index, random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const fill = (template) =>
    template
      .replace(/\{company\}/g, () => pick(COMPANIES))
      .replace(/\{product\}/g, () => pick(PRODUCTS))
      .replace(/\{person\}/g, () => pick(PEOPLE))
      .replace(/\{metric\}/g, () => pick(METRICS))
      .replace(/\{option2\}/g, () => pick(OPTIONS))
      .replace(/\{option\}/g, () => pick(OPTIONS))
      .replace(/\{month\}/g, () => pick(MONTHS))
      .replace(/\{n\}/g, () => String(2 + Math.floor(random() * 8)))
      .replace(/\{a\}/g, () => String(10 + Math.floor(random() * 30)))
      .replace(/\{b\}/g, () => String(41 + Math.floor(random() * 40)));
  const strong = random() < 0.5;
  const weakRole = !strong && random() < 0.6;
  const weakResult = !strong && random() < 0.6;
  const questions = [pick(QUESTIONS)];
  if (random() < 0.35) questions.push(pick(QUESTIONS.filter((q) => q !== questions[0])));
  const target = 200 + Math.floor(random() * 200);
  const parts = {
    context: [fill(pick(CONTEXT)), fill(pick(CONTEXT))],
    task: random() < 0.6 ? [fill(pick(TASK))] : [],
    action: [],
    result: [fill(pick(weakResult ? RESULT_WEAK : RESULT_STRONG))],
    lesson: [fill(pick(LESSON))],
  };
  const actionPool = weakRole ? ACTION_WEAK : ACTION_STRONG;
  for (let i = 0; i < 3; i++) parts.action.push(fill(pick(actionPool)));
  if (!strong && !weakRole) parts.action.push(fill(pick(ACTION_WEAK)));
  const words = () => Object.values(parts).flat().join(' ').split(/\s+/).length;
  let guard = 0;
  while (words() < target && guard++ < 40) {
    const roll = random();
    if (roll < 0.5) parts.action.push(fill(pick(random() < 0.3 ? FILLER : actionPool)));
    else if (roll < 0.7) parts.context.push(fill(pick(random() < 0.5 ? FILLER : CONTEXT)));
    else if (roll < 0.85) parts.result.push(fill(pick(weakResult ? RESULT_WEAK : RESULT_STRONG)));
    else parts.lesson.push(fill(pick(LESSON)));
  }
  while (words() > 400) {
    const longest = Object.values(parts).reduce((a, b) => (b.length > a.length ? b : a));
    longest.pop();
  }
  const title = `${pick(['Choosing', 'Fixing', 'Shipping', 'Rethinking', 'Pausing', 'Owning'])} the ${pick(PRODUCTS)} (${index + 1})`;
  const front = [
    '---',
    `title: ${JSON.stringify(title)}`,
    `questions: [${questions.join(', ')}]`,
    `role: ${pick(ROLES)}`,
    `company: ${pick(COMPANIES)}`,
    `date: ${2018 + Math.floor(random() * 7)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}`,
    `status: ${pick(['draft', 'ready', 'practiced'])}`,
    '---',
    '',
  ].join('\n');
  const withHeadings = random() < 0.75;
  let body;
  if (withHeadings) {
    body = Object.entries(parts)
      .filter(([, sentences]) => sentences.length)
      .map(([kind, sentences]) => {
        const asList = kind === 'action' && random() < 0.25;
        const text = asList ? sentences.map((s) => `- ${s}`).join('\n') : paragraphs(sentences, random);
        return `## ${pick(HEADINGS[kind])}\n\n${text}\n`;
      })
      .join('\n');
  } else {
    body = [parts.context.concat(parts.task), parts.action, parts.result.concat(parts.lesson)].map((s) => s.join(' ')).join('\n\n') + '\n';
  }
  return front + body;
}

function paragraphs(sentences, random) {
  const out = [];
  let current = [];
  for (const sentence of sentences) {
    current.push(sentence);
    if (current.length >= 2 && random() < 0.4) {
      out.push(current.join(' '));
      current = [];
    }
  }
  if (current.length) out.push(current.join(' '));
  return out.join('\n\n');
}

/** Writes `count` stories into `dir` (created), spread over a few sub-folders like a real bank. */
export function generateBank(dir, count, seed = 20241122) {
  const random = prng(seed);
  const folders = ['judgment', 'candor', 'failure', 'leadership', 'misc'];
  for (const folder of folders) mkdirSync(join(dir, folder), { recursive: true });
  const files = [];
  for (let i = 0; i < count; i++) {
    const file = join(dir, folders[i % folders.length], `story-${String(i).padStart(5, '0')}.md`);
    writeFileSync(file, generateStory(i, random));
    files.push(file);
  }
  return files;
}
