/**
 * Shannon entropy of `value` in bits per character (code point): 0 for a single repeated character,
 * log2(n) at most for n characters. Random base64 scores about 5, English words about 3.
 */
export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  let length = 0;
  for (const char of value) {
    counts.set(char, (counts.get(char) ?? 0) + 1);
    length++;
  }
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
