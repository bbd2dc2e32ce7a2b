/** "1 request", "2 requests": every stage counts things in messages the same way. */
export function plural(n: number, noun: string, many = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : many}`;
}
