/** Text inside HTML tags (`<summary>`, `<code>`); `|` too, so it is safe inside a table cell. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"|]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Plain text in a Markdown paragraph, list item or table cell: names come from users' files. */
export function escapeMarkdown(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/[\\`*_[\]<>|~#]/g, '\\$&');
}

export function code(s: string): string {
  return `<code>${escapeHtml(s)}</code>`;
}

/** A fenced block whose fence is longer than any backtick run inside it, so no id can close it. */
export function fenced(body: string, lang: string): string {
  let longest = 0;
  for (const m of body.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${body.endsWith('\n') ? body : `${body}\n`}${fence}`;
}
