import type { SyntacticRule } from '../rule.js';
import { rule as insecureCookie } from './insecure-cookie.js';
import { rule as insecureRandom } from './insecure-random.js';
import { rule as jwtDecodeWithoutVerify } from './jwt-decode-without-verify.js';
import { rule as jwtHardcodedSecret } from './jwt-hardcoded-secret.js';
import { rule as jwtNoneAlgorithm } from './jwt-none-algorithm.js';
import { rule as jwtVerifyWithoutAlgorithms } from './jwt-verify-without-algorithms.js';
import { rule as permissiveCors } from './permissive-cors.js';
import { rule as tlsVerificationDisabled } from './tls-verification-disabled.js';
import { rule as weakCipher } from './weak-cipher.js';
import { rule as weakHash } from './weak-hash.js';
import { rule as xxeExternalEntities } from './xxe-external-entities.js';

/** The purely syntactic rules of the SAST scanner, sorted by id. */
export const SYNTACTIC_RULES: readonly SyntacticRule[] = [
  insecureCookie,
  insecureRandom,
  jwtDecodeWithoutVerify,
  jwtHardcodedSecret,
  jwtNoneAlgorithm,
  jwtVerifyWithoutAlgorithms,
  permissiveCors,
  tlsVerificationDisabled,
  weakCipher,
  weakHash,
  xxeExternalEntities,
];

export { runSyntacticRules, type SyntacticFinding } from './run.js';
