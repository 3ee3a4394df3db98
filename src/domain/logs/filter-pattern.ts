// CloudWatch Logs filter patterns (FilterLogEvents' filterPattern), compiled once into a predicate on a message.
//   ""                        every event
//   ERROR "not found"         every term (word or quoted phrase) appears, case-sensitively
//   ?ERROR ?WARN              at least one of the ?-terms appears (with plain terms: those too)
//   ERROR -healthcheck        a -term must not appear
//   %time(out|d out)%         a regular expression anywhere in the message
//   { $.level = "error" && ($.latency > 100 || $.retry IS TRUE) }
//                             JSON messages: selectors ($.a.b, $.list[0]), = != < <= > >= against strings (with
//                             * wildcards), numbers or %regex%; IS NULL / IS TRUE / IS FALSE / NOT EXISTS; && || ( )
// Anything else is refused with InvalidParameterException, as AWS refuses a pattern it cannot parse.
import { invalidFilterPattern } from './errors.js';

export type MessagePredicate = (message: string) => boolean;

export function compileFilterPattern(pattern: string | undefined): MessagePredicate {
  const text = (pattern ?? '').trim();
  if (text === '') return () => true;
  if (text.startsWith('{')) return compileJsonPattern(text);
  if (text.length >= 2 && text.startsWith('%') && text.endsWith('%')) {
    const re = regexOf(text.slice(1, -1));
    return (message) => re.test(message);
  }
  return compileTermPattern(text);
}

function regexOf(source: string): RegExp {
  try {
    return new RegExp(source);
  } catch {
    throw invalidFilterPattern();
  }
}

// ---- terms ----------------------------------------------------------------------------------------------------

interface Term {
  text: string;
  kind: 'all' | 'any' | 'not';
}

function compileTermPattern(text: string): MessagePredicate {
  const terms = parseTerms(text);
  const all = terms.filter((t) => t.kind === 'all').map((t) => t.text);
  const any = terms.filter((t) => t.kind === 'any').map((t) => t.text);
  const not = terms.filter((t) => t.kind === 'not').map((t) => t.text);
  return (message) =>
    all.every((t) => message.includes(t)) &&
    (any.length === 0 || any.some((t) => message.includes(t))) &&
    !not.some((t) => message.includes(t));
}

function parseTerms(text: string): Term[] {
  const terms: Term[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    let kind: Term['kind'] = 'all';
    if (text[i] === '-' || text[i] === '?') {
      kind = text[i] === '-' ? 'not' : 'any';
      i++;
    }
    if (text[i] === '"') {
      const { value, end } = readQuoted(text, i);
      terms.push({ text: value, kind });
      i = end;
      continue;
    }
    let j = i;
    while (j < text.length && !/\s/.test(text[j]!)) j++;
    const word = text.slice(i, j);
    if (word === '' || word.includes('"')) throw invalidFilterPattern();
    terms.push({ text: word, kind });
    i = j;
  }
  return terms;
}

/** A "quoted" string starting at `start` (backslash escapes the next character); `end` is past the closing quote. */
function readQuoted(text: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  while (i < text.length && text[i] !== '"') {
    if (text[i] === '\\' && i + 1 < text.length) i++;
    value += text[i];
    i++;
  }
  if (i >= text.length) throw invalidFilterPattern();
  return { value, end: i + 1 };
}

// ---- JSON patterns ---------------------------------------------------------------------------------------------

type Step = string | number;
type Operator = '=' | '!=' | '<' | '<=' | '>' | '>=';
type Operand = { kind: 'string'; value: string } | { kind: 'number'; value: number } | { kind: 'regex'; value: RegExp };

type Node =
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'compare'; path: Step[]; op: Operator; operand: Operand }
  | { kind: 'is'; path: Step[]; what: 'null' | 'true' | 'false' | 'missing' };

function compileJsonPattern(text: string): MessagePredicate {
  if (!text.endsWith('}')) throw invalidFilterPattern();
  const parser = new JsonPatternParser(text.slice(1, -1));
  const node = parser.parse();
  return (message) => {
    const doc = parseJsonMessage(message);
    return doc !== undefined && evaluate(node, doc);
  };
}

function parseJsonMessage(message: string): unknown {
  const trimmed = message.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    return undefined;
  }
}

function resolve(doc: unknown, path: readonly Step[]): unknown {
  let value: unknown = doc;
  for (const step of path) {
    if (value === null || typeof value !== 'object') return undefined;
    if (typeof step === 'number') {
      if (!Array.isArray(value)) return undefined;
      value = value[step];
    } else {
      if (Array.isArray(value) || !Object.hasOwn(value, step)) return undefined;
      value = (value as Record<string, unknown>)[step];
    }
  }
  return value;
}

function evaluate(node: Node, doc: unknown): boolean {
  switch (node.kind) {
    case 'and':
      return evaluate(node.left, doc) && evaluate(node.right, doc);
    case 'or':
      return evaluate(node.left, doc) || evaluate(node.right, doc);
    case 'is': {
      const value = resolve(doc, node.path);
      if (node.what === 'missing') return value === undefined;
      if (node.what === 'null') return value === null;
      return value === (node.what === 'true');
    }
    case 'compare':
      return compare(resolve(doc, node.path), node.op, node.operand);
  }
}

function compare(value: unknown, op: Operator, operand: Operand): boolean {
  if (value === undefined || value === null || typeof value === 'object') return false;
  if (operand.kind === 'number') {
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
    if (Number.isNaN(n)) return false;
    switch (op) {
      case '=':
        return n === operand.value;
      case '!=':
        return n !== operand.value;
      case '<':
        return n < operand.value;
      case '<=':
        return n <= operand.value;
      case '>':
        return n > operand.value;
      case '>=':
        return n >= operand.value;
    }
  }
  if (op !== '=' && op !== '!=') return false;
  const text = String(value);
  const matches = operand.kind === 'regex' ? operand.value.test(text) : globToRegex(operand.value).test(text);
  return op === '=' ? matches : !matches;
}

const globCache = new Map<string, RegExp>();
function globToRegex(glob: string): RegExp {
  let re = globCache.get(glob);
  if (!re) {
    re = new RegExp(`^${glob.split('*').map(escapeRegex).join('.*')}$`, 's');
    if (globCache.size > 1000) globCache.clear();
    globCache.set(glob, re);
  }
  return re;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

class JsonPatternParser {
  private i = 0;
  constructor(private readonly s: string) {}

  parse(): Node {
    const node = this.or();
    this.space();
    if (this.i !== this.s.length) throw invalidFilterPattern();
    return node;
  }

  private or(): Node {
    let left = this.and();
    while (this.eat('||')) left = { kind: 'or', left, right: this.and() };
    return left;
  }

  private and(): Node {
    let left = this.unary();
    while (this.eat('&&')) left = { kind: 'and', left, right: this.unary() };
    return left;
  }

  private unary(): Node {
    if (this.eat('(')) {
      const node = this.or();
      if (!this.eat(')')) throw invalidFilterPattern();
      return node;
    }
    const path = this.selector();
    if (this.eatWord('IS')) {
      if (this.eatWord('NULL')) return { kind: 'is', path, what: 'null' };
      if (this.eatWord('TRUE')) return { kind: 'is', path, what: 'true' };
      if (this.eatWord('FALSE')) return { kind: 'is', path, what: 'false' };
      throw invalidFilterPattern();
    }
    if (this.eatWord('NOT')) {
      if (this.eatWord('EXISTS')) return { kind: 'is', path, what: 'missing' };
      throw invalidFilterPattern();
    }
    const op = (['!=', '<=', '>=', '=', '<', '>'] as const).find((candidate) => this.eat(candidate));
    if (!op) throw invalidFilterPattern();
    return { kind: 'compare', path, op, operand: this.operand(op) };
  }

  private selector(): Step[] {
    this.space();
    if (this.s[this.i] !== '$') throw invalidFilterPattern();
    this.i++;
    const path: Step[] = [];
    for (;;) {
      const c = this.s[this.i];
      if (c === '.') {
        this.i++;
        const m = /^[A-Za-z0-9_@\-:]+/.exec(this.s.slice(this.i));
        if (!m) throw invalidFilterPattern();
        path.push(m[0]);
        this.i += m[0].length;
      } else if (c === '[') {
        const m = /^\[(\d+)\]/.exec(this.s.slice(this.i));
        if (!m) throw invalidFilterPattern();
        path.push(Number(m[1]));
        this.i += m[0].length;
      } else {
        return path;
      }
    }
  }

  private operand(op: Operator): Operand {
    this.space();
    const c = this.s[this.i];
    if (c === '"') {
      const { value, end } = readQuoted(this.s, this.i);
      this.i = end;
      return { kind: 'string', value };
    }
    if (c === '%') {
      const close = this.s.indexOf('%', this.i + 1);
      if (close < 0) throw invalidFilterPattern();
      const re = regexOf(this.s.slice(this.i + 1, close));
      this.i = close + 1;
      return { kind: 'regex', value: re };
    }
    const m = /^[^\s()&|]+/.exec(this.s.slice(this.i));
    if (!m) throw invalidFilterPattern();
    this.i += m[0].length;
    const n = Number(m[0]);
    if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(m[0]) && !Number.isNaN(n)) return { kind: 'number', value: n };
    if (op !== '=' && op !== '!=') throw invalidFilterPattern();
    return { kind: 'string', value: m[0] };
  }

  private space() {
    while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
  }

  private eat(token: string): boolean {
    this.space();
    if (!this.s.startsWith(token, this.i)) return false;
    this.i += token.length;
    return true;
  }

  private eatWord(word: string): boolean {
    this.space();
    const rest = this.s.slice(this.i, this.i + word.length + 1);
    if (rest.slice(0, word.length).toUpperCase() !== word || /[A-Za-z0-9_]/.test(rest[word.length] ?? '')) return false;
    this.i += word.length;
    return true;
  }
}
