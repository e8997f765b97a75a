import { isDynamic } from './text.js';

/**
 * How a short text is capitalised. "title": every word that can be is capitalised ("Book Your
 * Appointment"); "sentence": only the first word (and names) are ("Book your appointment");
 * undefined when the text does not tell (one word, all acronyms, a mix that is probably names,
 * a dynamic `${...}` value).
 */
export type CaseStyle = 'title' | 'sentence';

export interface CaseAnalysis {
  readonly style: CaseStyle | undefined;
  /** The text in sentence case: the capitalised words that are neither first nor names lowered. */
  readonly sentenceCase: string;
  /** The words that make it Title Case, as written ("Your", "Appointment"). */
  readonly capitalised: readonly string[];
}

/**
 * Words every Title Case style leaves in lower case (articles, coordinating conjunctions, short
 * prepositions): written in lower case they are no evidence of sentence case.
 */
const MINOR_WORDS = new Set([
  'a', 'an', 'the',
  'and', 'but', 'or', 'nor', 'for', 'so', 'yet',
  'as', 'at', 'by', 'in', 'of', 'off', 'on', 'per', 'to', 'up', 'via', 'vs', 'with', 'from', 'into', 'onto', 'over', 'than',
]);

/** English words capitalised in any case style, so never evidence of Title Case. */
const ALWAYS_CAPITALISED = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  "i'm", "i'll", "i've", "i'd", 'i’m', 'i’ll', 'i’ve', 'i’d',
]);

const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;
/** Between two words, these start a new sentence or clause whose first word is capitalised anyway. */
const SENTENCE_BREAK = /[.!?:;—–|•·¿¡]|\s-\s/u;

type WordClass = 'first' | 'capitalised' | 'lower' | 'neutral';

function classify(word: string, first: boolean): WordClass {
  if (first) return 'first';
  if (/\p{N}/u.test(word)) return 'neutral'; // "2FA", "4K", "Step 2"
  const letters = word.replace(/['’]/g, '');
  const upper = (letters.match(/\p{Lu}/gu) ?? []).length;
  const lower = (letters.match(/\p{Ll}/gu) ?? []).length;
  if (upper === 0 && lower === 0) return 'neutral';
  if (lower === 0) return 'neutral'; // an acronym ("OTP", "FAQ") or a lone capital ("I", "Plan A")
  // A capital after the first letter: a name written that way ("WhatsApp", "iPhone", "O'Brien").
  if (/[\p{Ll}'’]\p{Lu}/u.test(word)) return 'neutral';
  if (/^\p{Lu}/u.test(word)) return ALWAYS_CAPITALISED.has(word.toLowerCase()) ? 'neutral' : 'capitalised';
  if (/^\p{Ll}/u.test(word)) return MINOR_WORDS.has(word.toLowerCase()) ? 'neutral' : 'lower';
  return 'neutral';
}

/** Reads the capitalisation of a title, heading or label; see `CaseStyle`. */
export function analyseCase(text: string): CaseAnalysis {
  if (isDynamic(text)) return { style: undefined, sentenceCase: text, capitalised: [] };
  const capitalised: string[] = [];
  let lower = 0;
  let out = '';
  let last = 0;
  let first = true;
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    const word = match[0];
    const between = text.slice(last, start);
    if (!first && SENTENCE_BREAK.test(between)) first = true;
    const kind = classify(word, first);
    first = false;
    out += between;
    if (kind === 'capitalised') {
      capitalised.push(word);
      out += lowerFirst(word);
    } else {
      if (kind === 'lower') lower++;
      out += word;
    }
    last = start + word.length;
  }
  out += text.slice(last);
  const style: CaseStyle | undefined = capitalised.length > 0 && lower === 0 ? 'title' : lower > 0 && capitalised.length === 0 ? 'sentence' : undefined;
  return { style, sentenceCase: style === 'title' ? out : text, capitalised };
}

function lowerFirst(word: string): string {
  const [head = '', ...rest] = Array.from(word);
  return head.toLowerCase() + rest.join('');
}
