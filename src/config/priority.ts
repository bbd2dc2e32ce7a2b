/**
 * `priority` on an asset or subscription: the groups served first when licenses run short
 * (policy.whenShort: prioritize). Each name must be a group the entry uses, directly or through
 * the groups those include; without `prioritize` the list does nothing, and the file is told so.
 */
import type { GroupDefinition, GroupExpander } from './groups.js';
import type { MemberList } from './members.js';
import type { Diagnostic, SourceRef } from './types.js';
import { show } from './wording.js';

export interface PriorityContext {
  /** The entry's `priority` list. */
  priority: MemberList;
  /** The entry's `groups` list. */
  groups: MemberList;
  /** "asset 361309726", "subscription 67890". */
  what: string;
  /** Where the `priority` key is written. */
  keyAt: SourceRef;
  prioritize: boolean;
}

/** Unknown names are reported by the expander (with its did-you-mean); the rest are checked here. */
export function checkPriority(ctx: PriorityContext, expander: GroupExpander, definitions: ReadonlyMap<string, GroupDefinition>): Diagnostic[] {
  if (ctx.priority.ids.length === 0) return [];
  const out: Diagnostic[] = [];
  const used = reachableGroups(ctx.groups.ids, definitions);
  for (const ref of expander.refer(ctx.priority)) {
    if (used.has(ref.name)) continue;
    out.push({
      ...ref.at,
      severity: 'error',
      message: `group ${show(ref.name)} is in the \`priority\` of ${ctx.what}, which does not use that group`,
      hint: `add it to the \`groups\` of ${ctx.what}, or remove it from \`priority\``,
    });
  }
  if (!ctx.prioritize && ctx.priority.ids.length > 0) {
    out.push({
      ...ctx.keyAt,
      severity: 'warning',
      message: `\`priority\` of ${ctx.what} has no effect: policy.whenShort is \`fail\`, so a shortage stops the plan instead`,
      hint: 'set `whenShort: prioritize` under `policy:` to serve these groups first when licenses run short, or remove `priority`',
    });
  }
  return out;
}

/** The groups listed and every group they include, transitively. */
function reachableGroups(listed: readonly string[], definitions: ReadonlyMap<string, GroupDefinition>): Set<string> {
  const seen = new Set<string>();
  const queue = [...listed];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    if (seen.has(name)) continue;
    seen.add(name);
    queue.push(...(definitions.get(name)?.groups.ids ?? []));
  }
  return seen;
}
