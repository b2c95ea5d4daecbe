/** Word lists are written as whitespace-separated text, which keeps long lists readable. */
export function wordList(text: string): string[] {
  return text.split(/\s+/).filter((w) => w.length > 0);
}
