/** How bench sections summarise and print what they measured. */

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function verdict(figure: string, met: boolean, target: string): void {
  console.log(`${figure} (${target}: ${met ? 'met' : 'MISSED'})`);
}

export const ms = (x: number): string => `${x.toFixed(0)} ms`;
export const mb = (x: number): string => `${(x / 1024 / 1024).toFixed(1)} MB`;
