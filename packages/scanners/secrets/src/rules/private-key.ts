import type { SecretRule } from '../secret-rule.js';

const RFC7468 = 'https://www.rfc-editor.org/rfc/rfc7468';
const OWASP_SECRETS = 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html';

/**
 * Private keys: PEM, OpenSSH and PGP blocks, encrypted ones apart, PuTTY and age key files, and
 * base64 PKCS#12 stores. OpenSSH keys are told apart by their cipher name: the body of an unencrypted key
 * starts with base64 of "openssh-key-v1\0" then "\0\0\0\x04none" (`b3BlbnNzaC1rZXktdjEAAAAABG5vbmU`).
 */
export const PRIVATE_KEY_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/private-key',
    title: 'Private key',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798', 'CWE-321'],
    description:
      'An unencrypted PEM or OpenSSH private key block (RSA, EC, DSA, OPENSSH, PKCS#8) or a PGP private key ' +
      'block. It signs or decrypts as its owner: TLS servers, SSH hosts and users, code and package signatures. ' +
      'The header line is reported; the key body is masked. Encrypted keys are secrets/private-key-encrypted.',
    help: {
      bad: '-----BEGIN RSA PRIVATE KEY-----\nMIIEqFeRU+ETm8GhM5JkD0X/ByCGp+vYptr7aPlFxNGwCqxvM0L7AA48A216iteT\nTwDC3UqEaUVmzSqF+cEyAleOJh0Oz6WitHl2DDsnoPAA6zeN0Rz9qKqVQllnF4Jg\n-----END RSA PRIVATE KEY-----', // rampart-ignore: secrets/* synthetic documentation example
      good: 'const key = readFileSync(process.env.TLS_KEY_FILE);',
      fix: 'Treat the key as compromised: revoke and reissue it (certificate, SSH or signing key), then keep keys in a secret store or mounted files outside the repository.',
    },
    references: [RFC7468, OWASP_SECRETS],
    keywords: ['private key'],
    // The body may hold literal `\n` escapes (keys inside JSON or .env strings). It cannot contain
    // `-----`, so a header without an END line costs one short scan. At least 64 body characters, so
    // placeholders ("...") and code that only mentions the header do not match. The body starts at its
    // first character, never on whitespace, so the encrypted-key look-aheads cannot be stepped around.
    // The fixed preamble of unencrypted OpenSSH keys ("openssh-key-v1", cipher and KDF "none", one key)
    // is left out of the secret: its run of `A`s would make the engine take the key for filler.
    pattern:
      /(?<finding>-----BEGIN(?! ENCRYPTED )[ A-Z0-9]{0,24}PRIVATE KEY(?: BLOCK)?-----)(?:\s|\\[nr]){0,8}(?:b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAAB)?(?<secret>(?![\s\\])(?!Proc-Type:\s{0,4}4,ENCRYPTED)(?!b3BlbnNzaC1rZXktdjEAAAAA(?!BG5vbmU))(?:[^-]|-(?!----)){64,16384}?)(?:\s|\\[nr]){0,8}-----END[ A-Z0-9]{0,24}PRIVATE KEY/,
    // Runs after the specific rules, so a key that secrets/gcp-service-account-key reported (the same
    // bytes, a more telling title) is not reported twice.
    fallback: true,
  },
  {
    id: 'secrets/private-key-encrypted',
    title: 'Encrypted private key',
    severity: 'medium',
    precision: 'high',
    cwe: ['CWE-798', 'CWE-321'],
    description:
      'A passphrase-protected private key: PKCS#8 "ENCRYPTED PRIVATE KEY", a legacy PEM key with ' +
      '"Proc-Type: 4,ENCRYPTED", or an OpenSSH key with a cipher. Useless without the passphrase, but the ' +
      'passphrase can be brute-forced offline and often sits in the same repository.',
    help: {
      bad: '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQIuV3Rz8kqJ0cCAggA\nMAwGCCqGSIb3DQIJBQAwFAYIKoZIhvcNAwcECHm7YtQ4pLw2BIIEyMr0dFqS1Z8v\n-----END ENCRYPTED PRIVATE KEY-----', // rampart-ignore: secrets/* synthetic documentation example
      good: 'const key = createPrivateKey({ key: readFileSync(keyPath), passphrase: process.env.KEY_PASSPHRASE });',
      fix: 'Reissue the key if its passphrase may be known or weak, and keep key files in a secret store instead of the repository.',
    },
    references: [RFC7468, 'https://www.rfc-editor.org/rfc/rfc5958', OWASP_SECRETS],
    keywords: ['private key'],
    pattern:
      /(?<finding>-----BEGIN ENCRYPTED PRIVATE KEY-----|-----BEGIN (?:RSA |DSA |EC )?PRIVATE KEY-----(?=(?:\s|\\[nr]){1,8}Proc-Type:\s{0,4}4,ENCRYPTED)|-----BEGIN OPENSSH PRIVATE KEY-----(?=(?:\s|\\[nr]){1,8}b3BlbnNzaC1rZXktdjEAAAAA(?!BG5vbmU)))(?:\s|\\[nr]){0,8}(?<secret>(?![\s\\])(?:[^-]|-(?!----)){64,16384}?)(?:\s|\\[nr]){0,8}-----END[ A-Z0-9]{0,24}PRIVATE KEY/,
  },
  {
    id: 'secrets/putty-private-key',
    title: 'PuTTY private key',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798', 'CWE-321'],
    description:
      'A PuTTY private key file (.ppk: Private-Lines followed by Private-MAC). It logs in over SSH wherever its ' +
      'public key is authorized. The Private-Lines line is reported and the key lines are masked; keys with a ' +
      'passphrase are reported too, since passphrases are often weak.',
    help: {
      bad: 'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy@build-01\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIMtzNAVtuZNquMm02sOhvo/fMVIITq/eox3YpRCi\nVtA1\nPrivate-Lines: 1\nAAAAIB50v6Qs3NVFBsxkjm+K0AwSbUdHGJFh25XHP690OvOm\nPrivate-MAC: bad86908f4890648ff5be4760d6f3cfb753b5a24c71cad58f377112f4c8891d4', // rampart-ignore: secrets/* synthetic documentation example
      good: 'pscp -i "%USERPROFILE%\\.ssh\\deploy.ppk" build.zip deploy@host:/srv/',
      fix: 'Remove the public key from every authorized_keys file, generate a new key pair, and keep the .ppk outside the repository (Pageant or an agent).',
    },
    references: ['https://www.chiark.greenend.org.uk/~sgtatham/putty/docs.html', OWASP_SECRETS],
    keywords: ['private-lines:'],
    // "Private-Lines: n", the key lines, then "Private-MAC:" (v2, v3) or "Private-Hash:" (v1) only occur in .ppk files.
    pattern:
      /(?<finding>Private-Lines:[ \t]{0,4}[0-9]{1,3})\r?\n(?<secret>[A-Za-z0-9+/=]{16,128}(?:\r?\n[A-Za-z0-9+/=]{1,128}){0,64})\r?\nPrivate-(?:MAC|Hash):/,
  },
  {
    id: 'secrets/age-secret-key',
    title: 'age secret key',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798', 'CWE-321'],
    description:
      'An age identity (AGE-SECRET-KEY-1...). It decrypts every file encrypted to its recipient, such as SOPS ' +
      'secrets files committed next to it.',
    help: {
      bad: 'AGE-SECRET-KEY-1DAEK3WRHHUCS4Y23FQC0GLDGTCP7LN9ML37WS20NS0CDHS54R334ZXSEPD', // rampart-ignore: secrets/* synthetic documentation example
      good: 'export SOPS_AGE_KEY_FILE="$HOME/.config/sops/age/keys.txt"',
      fix: 'Generate a new identity, re-encrypt every file encrypted to the old recipient, rotate the secrets those files held, and keep identities out of the repository.',
    },
    references: ['https://age-encryption.org/v1', 'https://github.com/FiloSottile/age#readme'],
    keywords: ['age-secret-key-1'],
    // Bech32: the data part uses 32 upper-case characters (no 1, B, I, O).
    pattern:
      /(?<![A-Za-z0-9-])(?<secret>AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})(?![A-Za-z0-9])/,
  },
  {
    id: 'secrets/wireguard-private-key',
    title: 'WireGuard private key',
    severity: 'critical',
    precision: 'medium',
    cwe: ['CWE-798', 'CWE-321'],
    description:
      'A WireGuard private key (32 bytes of base64, ending in "=") on the PrivateKey line of a wg-quick ' +
      'configuration or assigned to a WG_PRIVATE_KEY / wireguard private_key name. It lets anyone join the VPN ' +
      'as that peer and read the traffic sent to it.',
    help: {
      bad: '[Interface]\nPrivateKey = yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=\nAddress = 10.0.0.2/32', // rampart-ignore: secrets/* synthetic documentation example
      good: '[Interface]\nPostUp = wg set %i private-key /etc/wireguard/private.key\nAddress = 10.0.0.2/32',
      fix: 'Generate a new key pair (wg genkey | tee private.key | wg pubkey), replace the peer public key on every other peer, and load the private key from a file or secret store (PostUp = wg set %i private-key <file>).',
    },
    references: ['https://www.wireguard.com/quickstart/', 'https://man7.org/linux/man-pages/man8/wg.8.html'],
    keywords: ['privatekey', 'wireguard', 'wg_private', 'wg-private', 'wg.private', 'wgprivate'],
    // 32 bytes are 43 base64 characters and one "=": the last character holds 4 bits and 2 zero bits, so
    // it is one of the 16 whose index is a multiple of 4. The PrivateKey line of wg-quick's INI format (a
    // PublicKey line is the same shape and public), or a name that says WireGuard.
    pattern:
      /(?:^[ \t]{0,8}PrivateKey[ \t]{0,4}=[ \t]{0,4}|(?<![A-Za-z0-9])(?:wireguard|wg)[_.-]?private[_.-]?key["']?[ \t]{0,4}[:=][ \t]{0,4}["']?)(?<secret>[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=)(?![A-Za-z0-9+/=])/im,
    minEntropy: 4,
  },
  {
    id: 'secrets/pkcs12-base64',
    title: 'PKCS#12 key store (base64)',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798', 'CWE-321'],
    description:
      'A base64 PKCS#12 / PFX key store, recognised by its DER header (a SEQUENCE holding version 3). It holds ' +
      'a private key and certificate, typically for TLS or code signing, behind a password that is often weak ' +
      'or committed nearby.',
    help: {
      bad: 'SIGNING_CERT_PFX: MIIKQwIBAzCCMufMk4O6ElSjLYXjcMqaU66+xRbCniPBB8RR9lYVqozSVx32UUAezqCs+C1A8PxKrJ8afdn6RtVCG+LhitFeKe0qeCKR3BdJWXiXG65klMdmsGHqo/C2p0RmHBNRky+trypnu4T6qMZVoNpQq+H+/8CQLxd4BSj9', // rampart-ignore: secrets/* synthetic documentation example
      good: 'SIGNING_CERT_PFX: ${{ secrets.SIGNING_CERT_PFX }}',
      fix: 'Revoke the certificate, issue a new key pair, and keep the key store in a secret store or HSM; never commit it, even encoded.',
    },
    references: ['https://www.rfc-editor.org/rfc/rfc7292', OWASP_SECRETS],
    keywords: ['ibazcc', 'miacaqmw'],
    // DER `30 82 LL LL 02 01 03 30 82` (definite length) or BER `30 80 02 01 03 30 80` (indefinite) in base64.
    pattern:
      /(?<![A-Za-z0-9+/])(?<secret>(?:MI[I-L][A-Za-z0-9+/]{2}[AQgw]IBAzCC|MIACAQMwgA)[A-Za-z0-9+/]{40,20000}={0,2})(?![A-Za-z0-9+/=])/,
  },
];
