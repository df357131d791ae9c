import type { SecretRule } from '../secret-rule.js';

export const DATABASE_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/database-url-password',
    title: 'Database URL with password',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'A connection URL (postgres, mysql, mariadb, mongodb, mongodb+srv, redis, amqp) with a password in its ' +
      'user-info part. Whoever reads it can connect to the database or broker with that user. Placeholders ' +
      '(${DB_PASSWORD}, <password>, ****, password, changeme) are not reported.',
    help: {
      bad: 'DATABASE_URL=postgres://orders:thoNBBGMciFz@db.internal:5432/orders', // rampart-ignore: secrets/* synthetic documentation example
      good: 'DATABASE_URL=postgres://orders:${DB_PASSWORD}@db.internal:5432/orders',
      fix: 'Change the database password, then build the URL at runtime from a secret store or the environment (or use IAM or certificate auth).',
    },
    references: [
      'https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS',
      'https://www.mongodb.com/docs/manual/reference/connection-string/',
      'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
    ],
    keywords: ['postgres', 'mysql', 'mariadb', 'mongodb', 'redis', 'amqp'],
    pattern:
      /(?<![A-Za-z0-9+.-])(?:postgres(?:ql)?|mysql|mariadb|mongodb|rediss?|amqps?)(?:\+[a-z0-9]{1,20})?:\/\/[^\s:@/"'`]{0,64}:(?<secret>[^\s:@/"'`]{1,128})@[^\s/?#"'`]{1,253}/i,
    // Words that stand for a password, and local defaults (postgres:postgres, guest:guest).
    allow: [
      /^(?:password|passwd|pass|pwd|secret|postgres|mysql|mongo|redis|guest|root|user|username|admin)$/i,
    ],
  },
];
