import { Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';

/** Small builders over yaml's node API, so the writer reads like the file it writes. */

export type Value = string | number | boolean | Scalar | YAMLMap | YAMLSeq;

export function map(entries: [string, Value | undefined][], opts: { flow?: boolean; comment?: string } = {}): YAMLMap {
  const node = new YAMLMap();
  for (const [key, value] of entries) {
    if (value === undefined) continue;
    node.items.push(new Pair(new Scalar(key), value instanceof Scalar || value instanceof YAMLMap || value instanceof YAMLSeq ? value : new Scalar(value)));
  }
  if (opts.flow) node.flow = true;
  if (opts.comment !== undefined) node.commentBefore = opts.comment;
  return node;
}

export function seq(items: readonly (Value)[]): YAMLSeq {
  const node = new YAMLSeq();
  for (const item of items) node.items.push(item instanceof Scalar || item instanceof YAMLMap || item instanceof YAMLSeq ? item : new Scalar(item));
  return node;
}

/** A sequence of ids, or nothing when empty: absent lists keep the file short. */
export function ids(values: readonly string[]): YAMLSeq | undefined {
  return values.length === 0 ? undefined : seq(values);
}

/** Always double-quoted, so an all-digit adamId stays a string when read back. */
export function quoted(value: string): Scalar {
  const node = new Scalar(value);
  node.type = Scalar.QUOTE_DOUBLE;
  return node;
}
