/**
 * Parses one desired-state file safely (duplicate keys refused, alias expansion bounded) and maps
 * places in the parsed data back to line:col in the text, so every message can point at its cause.
 */
import {
  type Alias,
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  parseDocument,
  visit,
  type YAMLError,
  type YAMLMap,
} from 'yaml';
import { MAX_NESTING, tooDeepAt } from './nesting.js';
import type { Diagnostic, SourceRef } from './types.js';
import { show, type Path } from './wording.js';

/** Aliases (`*name`) beyond this many resolved nodes are refused: the "billion laughs" attack. */
const MAX_ALIAS_COUNT = 1000;

export class YamlLocator {
  /** Keys of each mapping, indexed on first use: locating 100,000 members must not rescan big maps. */
  private readonly keys = new WeakMap<YAMLMap, Map<string, Pair>>();
  /** Resolving an alias searches the whole document, so each is resolved once. */
  private readonly aliases = new WeakMap<Alias, unknown>();

  constructor(
    readonly file: string,
    readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  /** Where an offset of the text is. */
  offset(offset: number): SourceRef {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, col };
  }

  /**
   * Where the thing at `path` is written: its value, or with part 'key' the key that introduces it.
   * A path that does not exist (a missing key) resolves to its nearest existing parent.
   */
  at(path: Path, part: 'key' | 'value' = 'value'): SourceRef {
    let node: unknown = this.doc.contents;
    let key: Node | undefined;
    let depth = 0;
    for (const segment of path) {
      if (isAlias(node)) node = this.resolve(node);
      if (isMap(node)) {
        const pair = this.pairs(node).get(String(segment));
        if (!pair) break;
        key = isScalar(pair.key) ? pair.key : undefined;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
        key = undefined;
        node = node.items[segment];
      } else {
        break;
      }
      depth++;
    }
    const found = depth === path.length;
    const valueIsBlank = isScalar(node) && node.value === null && !node.source;
    const target = (found && part === 'key') || valueIsBlank || !found ? (key ?? node) : node;
    const range = (target as Node | undefined | null)?.range;
    return range ? this.offset(range[0]) : { file: this.file, line: 1, col: 1 };
  }

  private resolve(alias: Alias): unknown {
    if (!this.aliases.has(alias)) this.aliases.set(alias, alias.resolve(this.doc));
    return this.aliases.get(alias);
  }

  private pairs(map: YAMLMap): Map<string, Pair> {
    let index = this.keys.get(map);
    if (!index) {
      index = new Map();
      // Of duplicate keys (already reported as an error) the first is used.
      for (const pair of map.items) if (isScalar(pair.key) && !index.has(String(pair.key.value))) index.set(String(pair.key.value), pair as Pair);
      this.keys.set(map, index);
    }
    return index;
  }
}

export interface ParsedYaml {
  locator: YamlLocator;
  /** The plain data; absent when the text could not be read as YAML. */
  data?: unknown;
  diagnostics: Diagnostic[];
}

export function parseYaml(text: string, file: string): ParsedYaml {
  const deep = tooDeepAt(text);
  if (deep !== undefined) return tooDeep(text, file, deep);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const locator = new YamlLocator(file, doc, lines);
  const diagnostics: Diagnostic[] = syntaxErrors(doc).map((e) => yamlErrorDiagnostic(e, doc, locator, text));
  for (const w of doc.warnings) {
    diagnostics.push({ ...locator.offset(w.pos[0]), severity: 'warning', message: `YAML: ${w.message}` });
  }
  // Duplicate keys leave the rest of the file readable, so its other mistakes are worth reporting.
  if (doc.errors.some((e) => e.code !== 'DUPLICATE_KEY')) return { locator, diagnostics };
  try {
    return { locator, data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), diagnostics };
  } catch (err) {
    diagnostics.push(aliasDiagnostic(err, doc, locator));
    return { locator, diagnostics };
  }
}

/**
 * The file nests deeper than MAX_NESTING: refused unparsed (the parser would recurse once per
 * level), at the place where it goes too deep. The locator maps offsets of the unparsed text.
 */
function tooDeep(text: string, file: string, offset: number): ParsedYaml {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines.addNewLine(at + 1);
  const locator = new YamlLocator(file, parseDocument(''), lines);
  return { locator, diagnostics: [{ ...locator.offset(offset), ...NESTING_PROBLEM }] };
}

const NESTING_PROBLEM = {
  severity: 'error',
  message: `the file nests lists and mappings more than ${MAX_NESTING} levels deep here; a desired-state file needs about six`,
  hint: 'look for brackets that are opened and never closed, or indentation that keeps growing',
} as const;

/**
 * The parser's errors, one per mistake. An over-indented line makes the parser read it and the
 * line above as one multi-line key, and it reports that twice, both times at the line above
 * (BLOCK_AS_IMPLICIT_KEY and MULTILINE_IMPLICIT_KEY at one offset): the second is enough.
 */
function syntaxErrors(doc: Document.Parsed): YAMLError[] {
  const multiline = new Set(doc.errors.filter((e) => e.code === 'MULTILINE_IMPLICIT_KEY').map((e) => e.pos[0]));
  const once = doc.errors.filter((e) => !(e.code === 'BLOCK_AS_IMPLICIT_KEY' && multiline.has(e.pos[0])));
  // A stack overflow inside the parser is reported at every level it unwinds: once is enough.
  const overflow = once.findIndex(isOverflow);
  return overflow < 0 ? once : once.filter((e, i) => i === overflow || !isOverflow(e));
}

function isOverflow(e: YAMLError): boolean {
  return e.message.includes('Maximum call stack');
}

/**
 * A key from `from` to `to` that runs onto the next line because that line is indented deeper
 * than the one it starts on: the offset of that line's first character, else undefined.
 */
function overIndentedLine(text: string, from: number, to: number): number | undefined {
  const end = text.indexOf('\n', from);
  if (end < 0 || end >= to) return undefined;
  const indentOf = (lineStart: number): number => {
    let at = lineStart;
    while (text[at] === ' ') at++;
    return at - lineStart;
  };
  const next = end + 1;
  return indentOf(next) > indentOf(text.lastIndexOf('\n', from - 1) + 1) ? next + indentOf(next) : undefined;
}

/** Plain words for the YAML mistakes people make by hand; the parser's own words follow in brackets. */
const SYNTAX_WORDS: Partial<Record<YAMLError['code'], string>> = {
  BAD_INDENT: "this line's indentation does not line up with the lines around it",
  TAB_AS_INDENT: 'a tab is used for indentation; YAML indents with spaces only',
  MISSING_CHAR: 'a quote or bracket is opened but not closed',
  MULTILINE_IMPLICIT_KEY: 'a key must fit on one line; a `:`, quote or bracket is probably missing or misplaced',
  BLOCK_AS_IMPLICIT_KEY: 'the indentation makes a list or block into a key',
  UNEXPECTED_TOKEN: 'a character here does not belong',
  BAD_SCALAR_START: 'a value cannot start with this character unless it is in quotes',
  BAD_DQ_ESCAPE: 'a backslash inside double quotes starts an unknown escape; use single quotes instead',
  TAG_RESOLVE_FAILED: 'an unknown `!tag`; vppctl files use no tags',
  BLOCK_IN_FLOW: 'an indented block cannot sit inside [ ] or { }',
  KEY_OVER_1024_CHARS: 'a key is longer than 1024 characters',
  BAD_ALIAS: 'an alias (*name) is written incorrectly',
  ALIAS_PROPS: 'an alias (*name) cannot have an anchor or tag',
  MULTIPLE_ANCHORS: 'a value has more than one anchor (&name)',
  MULTIPLE_TAGS: 'a value has more than one tag',
};

function yamlErrorDiagnostic(e: YAMLError, doc: Document.Parsed, locator: YamlLocator, text: string): Diagnostic {
  const at = locator.offset(e.pos[0]);
  // The parser turns its own stack overflow into an error; the scan before it should have caught the depth.
  if (isOverflow(e)) return { ...at, ...NESTING_PROBLEM };
  switch (e.code) {
    case 'DUPLICATE_KEY': {
      const key = keyStartingAt(doc, e.pos[0]);
      return {
        ...at,
        severity: 'error',
        message: `${key === undefined ? 'a key' : show(key)} appears twice in the same place; YAML would silently keep only one of them`,
        hint: 'merge the two into one entry',
      };
    }
    case 'MULTILINE_IMPLICIT_KEY': {
      // The key runs onto the next line: that line is the one indented too far (or missing its `:`).
      const next = overIndentedLine(text, e.pos[0], e.pos[1]);
      if (next === undefined) break;
      return {
        ...locator.offset(next),
        severity: 'error',
        message: `YAML syntax: this line is indented deeper than the line above it, so YAML reads the two lines as one key (${e.message})`,
        hint: 'indent it like the line above, or end the line above with a `:` if this line belongs under it',
      };
    }
    case 'MULTIPLE_DOCS':
      return {
        ...at,
        severity: 'error',
        message: 'the file holds more than one YAML document (a `---` line); vppctl reads one location per file',
        hint: 'split it into one file per location',
      };
  }
  const words = SYNTAX_WORDS[e.code];
  return {
    ...at,
    severity: 'error',
    message: words ? `YAML syntax: ${words} (${e.message})` : `YAML syntax: ${e.message}`,
    hint: 'check the indentation, colons and quotes on this line and the one before',
  };
}

function keyStartingAt(doc: Document.Parsed, offset: number): string | undefined {
  let key: string | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.range?.[0] === offset) {
        key = String(pair.key.value);
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return key;
}

/** toJS throws for an alias to an undefined anchor or for too many aliases; point at the alias. */
function aliasDiagnostic(err: unknown, doc: Document.Parsed, locator: YamlLocator): Diagnostic {
  let first: Alias | undefined;
  let unresolved: Alias | undefined;
  visit(doc, {
    Alias(_, node) {
      first ??= node;
      if (!node.resolve(doc)) {
        unresolved = node;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  const node = unresolved ?? first;
  const at = node?.range ? locator.offset(node.range[0]) : { file: locator.file, line: 1, col: 1 };
  if (unresolved) {
    return {
      ...at,
      severity: 'error',
      message: `alias ${show(`*${unresolved.source}`)} refers to an anchor that is not defined before it`,
      hint: `define \`&${unresolved.source}\` earlier in the file, or write the value out`,
    };
  }
  const tooMany = err instanceof ReferenceError && /alias/i.test(err.message);
  return {
    ...at,
    severity: 'error',
    message: tooMany
      ? `the file repeats aliases (*name) so often that expanding them would exceed ${MAX_ALIAS_COUNT} nodes`
      : `the file could not be read: ${err instanceof Error ? err.message : String(err)}`,
    hint: tooMany ? 'write the lists out, or move long member lists into roster files (`file:`)' : undefined,
  };
}
