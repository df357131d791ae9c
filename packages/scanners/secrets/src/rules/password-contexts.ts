import type { SecretRule } from '../secret-rule.js';

const GENERIC_REFERENCES = [
  'https://cwe.mitre.org/data/definitions/798.html',
  'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
];

/** Values that are not secrets even when assigned to a secret-sounding name. */
const NOT_A_VALUE: readonly RegExp[] = [
  /^(?:true|false|null|none|nil|yes|no|on|off|required|optional|changeit)$/i,
  /^[0-9]{1,12}$/, // ports, lengths, timeouts
  /^[a-z]+(?:[_.-][a-z]+)*$|^[A-Z]+(?:[_.-][A-Z]+)*$/, // identifiers and names of other settings
  /^(?:~|\.{1,2})?\/|^[A-Za-z]:\\/, // paths
  /:\/\//, // URLs (credentials in URLs have their own rules)
  /^(?:arn|projects|secret|vault|ssm|sm|kv|op|awssm|azkv|gcpsm):/i, // references to secret stores
  /\(|\)$/, // calls: get_secret("db")
  /^[A-Za-z_$][\w$]{0,60}[,;]$/, // code in docs: `password: hashedPassword,`
  /^\$(?:2[abxy]?|[156])\$/, // crypt and bcrypt hashes
  /^(?:ENC\[|AgA|\$ANSIBLE_VAULT|vault:v\d|EJ\[)/, // encrypted values (sops, sealed secrets, ansible, vault transit, ejson)
  /^(?:[sr]k_test_|pk_(?:test|live)_|access-sandbox-|shippo_test_|pk\.eyJ)/, // test-mode and public keys
];

/**
 * Source code, where a value that is not quoted is an expression (`password: opts.password`), never a
 * literal; quoted literals in code are the generic rule's job. Header files and TypeScript declarations
 * included.
 */
const SOURCE_CODE =
  /\.(?:[cm]?[jt]sx?|java|kt|kts|scala|groovy|go|rs|c|cc|cpp|cxx|h|hh|hpp|cs|fs|vb|swift|m|mm|py|rb|php|pl|pm|lua|dart|ex|exs|erl|hs|clj|cljs|jl|r|vue|svelte)$/i;

/** At least two kinds of characters: a real password or key mixes them; a word does not. */
function mixed(secret: string): boolean {
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(secret)).length;
  return kinds >= 2;
}

/** A Basic credential decodes to printable `user:password`. */
function decodesToUserPassword(secret: string): boolean {
  const decoded = Buffer.from(secret, 'base64').toString('latin1');
  const colon = decoded.indexOf(':');
  return colon > 0 && colon < decoded.length - 3 && /^[\x20-\x7e]+$/.test(decoded);
}

export const PASSWORD_CONTEXT_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/basic-auth-header',
    title: 'HTTP Basic authorization header',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798', 'CWE-522'],
    description:
      'An `Authorization: Basic` header value: base64 of `user:password`, so anyone who reads it has the ' +
      'password (base64 is an encoding, not encryption). Found in curl commands, proxy configs, HTTP request ' +
      'files, code and logs. Reported only when the value decodes to `user:password`.',
    help: {
      bad: 'curl -H "Authorization: Basic ZGVwbG95OnE3Vy1tWnAycjh4TjR2" https://ci.internal/job/deploy', // rampart-ignore: secrets/* synthetic documentation example
      good: 'curl -u "deploy:$DEPLOY_PASSWORD" https://ci.internal/job/deploy',
      fix: 'Change the password, then build the header at run time from a secret (curl -u with an environment variable, a credentials helper).',
    },
    references: ['https://datatracker.ietf.org/doc/html/rfc7617', ...GENERIC_REFERENCES],
    keywords: ['basic'],
    pattern:
      /authorization["'\]]{0,3}[ \t]{0,4}[:=,]?[ \t]{0,4}["']?[ \t]{0,4}basic[ \t]{1,4}(?<secret>[A-Za-z0-9+/]{8,400}={0,2})(?![A-Za-z0-9+/=])/i,
    validate: decodesToUserPassword,
  },
  {
    id: 'secrets/password-assignment',
    title: 'Password or secret in a config line',
    severity: 'medium',
    precision: 'medium',
    cwe: ['CWE-798', 'CWE-260'],
    description:
      'A line of a .env, YAML, INI, properties, Terraform or compose file that sets a password, secret or ' +
      'key-material name (DB_PASSWORD=, secret_key_base:, APP_KEY=, spring.datasource.password=, - POSTGRES_PASSWORD=) to a ' +
      'literal that mixes character kinds, quoted or not. References, encrypted values, file paths and names of ' +
      'other settings are skipped.',
    help: {
      bad: 'DB_PASSWORD=Kt9v-D3Or!dybsRu4x', // rampart-ignore: secrets/* synthetic documentation example
      good: 'DB_PASSWORD=${DB_PASSWORD}',
      fix: 'Rotate the credential and inject it at deploy time (environment, a secret store, Kubernetes secrets) instead of committing it.',
    },
    references: GENERIC_REFERENCES,
    keywords: ['pass', 'pwd', 'secret', 'key'],
    pattern:
      /^[ \t]{0,40}(?:-[ \t]{1,4})?(?:export[ \t]{1,4})?[A-Za-z0-9_.-]{0,40}(?:password|passwd|pwd|secret|encryption[_.-]?key|signing[_.-]?key|app[_.-]?key|master[_.-]?key)(?![A-Za-z0-9_.-]{0,30}(?:hash|digest|checksum|fingerprint|sha\d|md5|salt|_file|_path|_ref|_name|_id|_url|_length|_type|_arn))[A-Za-z0-9_.-]{0,30}[ \t]{0,24}[:=][ \t]{0,8}["']?(?<secret>[^\s"'`]{8,200})["']?[ \t]{0,8}(?:[ \t]#[^\n]{0,200})?$/im,
    minEntropy: 3,
    allow: NOT_A_VALUE,
    validate: mixed,
    ignorePaths: SOURCE_CODE,
    fallback: true,
  },
  {
    id: 'secrets/xml-password-element',
    title: 'Password in an XML element',
    severity: 'medium',
    precision: 'medium',
    cwe: ['CWE-798', 'CWE-260'],
    description:
      'A password, secret or token written into an XML element: Maven `settings.xml` server passwords, ' +
      'Tomcat and NuGet configs, .NET `app.config` values. Anyone with the file can use the account.',
    help: {
      bad: '<server><id>releases</id><username>ci</username><password>f1fGm-xl3B9hg4bDML</password></server>', // rampart-ignore: secrets/* synthetic documentation example
      good: '<server><id>releases</id><username>ci</username><password>${env.MAVEN_PASSWORD}</password></server>',
      fix: 'Rotate the password; use environment interpolation (Maven ${env.X}), an encrypted settings-security.xml or a credentials store.',
    },
    references: ['https://maven.apache.org/guides/mini/guide-encryption.html', ...GENERIC_REFERENCES],
    keywords: ['pass', 'secret', 'token'],
    pattern:
      /<(?<tag>[A-Za-z_:.-]{0,30}(?:password|passwd|secret|token|apiKey|api_key)[A-Za-z_.-]{0,20})>[ \t]{0,4}(?<secret>[^<>\s]{8,200})[ \t]{0,4}<\/\k<tag>>/i,
    minEntropy: 3,
    allow: NOT_A_VALUE,
    validate: mixed,
    fallback: true,
  },
  {
    id: 'secrets/cli-password-argument',
    title: 'Password on a command line',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-798', 'CWE-214'],
    description:
      'A password passed as a command-line argument in a script or CI step: `sshpass -p`, `mysql -p...`, ' +
      '`--password=`, Java `keytool -storepass`/`-srcstorepass`/`-keypass`, `curl --user name:password`. It is ' +
      'in the repository and, at run time, visible to every user of the machine in the process list.',
    help: {
      bad: "sshpass -p 'nMAe5ew9_E5GAuXMehW' ssh admin@10.20.4.31 uptime", // rampart-ignore: secrets/* synthetic documentation example
      good: 'SSHPASS="$ADMIN_PASSWORD" sshpass -e ssh admin@10.20.4.31 uptime',
      fix: 'Rotate the password; pass it through the environment, a file with tight permissions or a prompt (sshpass -e, mysql --defaults-extra-file, curl --netrc).',
    },
    references: ['https://cwe.mitre.org/data/definitions/214.html', ...GENERIC_REFERENCES],
    keywords: ['sshpass', 'mysql', '--pass', 'storepass', 'keypass', '--user', 'curl'],
    pattern:
      /(?:sshpass[ \t]{1,4}-p[ \t]{0,4}|mysql(?:dump|admin)?[ \t][^\n]{0,120}?[ \t]-p|--password[ \t]{0,2}[= ][ \t]{0,2}|-(?:src|dest)?(?:store|key)pass[ \t]{1,4}|curl[ \t][^\n]{0,200}?(?:--user|-u)[ \t]{1,4}["']?[A-Za-z0-9_.@-]{1,64}:)["']?(?<secret>[^\s"'$`]{8,128})/i,
    minEntropy: 3,
    allow: NOT_A_VALUE,
    validate: mixed,
  },
];
