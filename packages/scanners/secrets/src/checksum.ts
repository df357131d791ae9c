import { crc32 } from 'node:zlib';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * The checksum of GitHub classic tokens (`ghp_` and friends) and npm tokens (`npm_`): a prefix,
 * 30 random base62 characters, then the CRC32 of those 30 characters in base62 (digits, upper,
 * lower), left-padded with `0` to 6 characters. GitHub and npm announced the CRC32 but not the byte
 * range or alphabet; those come from public verifier implementations, so callers treat a mismatch
 * as lower confidence, not as proof.
 */
export function hasValidBase62Crc32(token: string): boolean {
  if (token.length < 36) return false;
  const random = token.slice(-36, -6);
  return toBase62(crc32(random)).padStart(6, '0') === token.slice(-6);
}

function toBase62(value: number): string {
  let out = '';
  let rest = value;
  do {
    out = BASE62.charAt(rest % 62) + out;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return out;
}
