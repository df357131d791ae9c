import type { SecretRule } from '../secret-rule.js';

/** Words that stand for a password, local defaults (postgres:postgres, guest:guest), Oracle's scott/tiger. */
const STAND_INS =
  /^(?:password|passwd|pass|pwd|secret|postgres|mysql|mongo|redis|guest|root|user|username|admin|sa|tiger)$/i;

/** Passwords in database URLs and connection strings. */
export const DATABASE_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/database-url-password',
    title: 'Database URL with password',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'A connection URL (postgres, mysql, mariadb, mongodb, mongodb+srv, redis, amqp, clickhouse, mssql, ' +
      'sqlserver, cockroachdb, neo4j, couchbase) with a password in its user-info part, or a Go MySQL DSN ' +
      '(user:password@tcp(host)/db). Whoever reads it can connect to the database or broker with that user. Placeholders ' +
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
    keywords: [
      'postgres',
      'mysql',
      'mariadb',
      'mongodb',
      'redis',
      'amqp',
      'clickhouse',
      'mssql',
      'sqlserver',
      'cockroachdb',
      'neo4j',
      'couchbase',
      '@tcp(',
      '@unix(',
    ],
    // The Go MySQL driver's DSN has no scheme: user:password@tcp(host:port)/db, or @unix(/path); the
    // look-ahead checks that shape, and the rest is read as for a URL.
    pattern:
      /(?:(?<![A-Za-z0-9+.-])(?:postgres(?:ql)?|mysql|mariadb|mongodb|rediss?|amqps?|clickhouse|mssql|sqlserver|cockroachdb|neo4j|couchbases?)(?:\+[a-z0-9]{1,20})?:\/\/[^\s:@/"'`]{0,64}|(?<![A-Za-z0-9_.+:/%-])(?=[A-Za-z0-9_.-]{1,64}:[^\s:@/"'`()]{1,128}@(?:tcp|unix)\()[A-Za-z0-9_.-]{1,64}):(?<secret>[^\s:@/"'`]{1,128})@[^\s/?#"'`]{1,253}/i,
    // A printf verb (fmt.Sprintf("%s:%s@tcp(%s)/db", ...)) is where the password goes, not one.
    allow: [STAND_INS, /^%[-+ #0-9.]{0,8}[A-Za-z]$/],
  },
  {
    id: 'secrets/jdbc-url-password',
    title: 'JDBC URL with password',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'A JDBC URL carrying a password: a password= or pwd= property (SQL Server, MySQL, PostgreSQL, DB2...) or ' +
      "Oracle's user/password@host form. Whoever reads it connects to the database as that user.",
    help: {
      bad: 'spring.datasource.url=jdbc:sqlserver://sql01.acme.internal:1433;databaseName=orders;user=orders_app;password=Vq7#mZ2kLp9w;encrypt=true', // rampart-ignore: secrets/* synthetic documentation example
      good: 'spring.datasource.url=jdbc:sqlserver://sql01.acme.internal:1433;databaseName=orders;encrypt=true\nspring.datasource.password=${DB_PASSWORD}',
      fix: 'Change the database password, and pass it separately (spring.datasource.password from the environment or a vault), never inside the URL.',
    },
    references: [
      'https://learn.microsoft.com/sql/connect/jdbc/building-the-connection-url',
      'https://dev.mysql.com/doc/connector-j/en/connector-j-reference-jdbc-url-format.html',
      'https://docs.oracle.com/en/database/oracle/oracle-database/19/jjdbc/data-sources-and-URLs.html',
    ],
    keywords: ['jdbc:'],
    pattern:
      /jdbc:(?:[a-z0-9]{2,20}(?::[a-z0-9]{1,20})?:\/\/[^\s;?&"'`<>]{1,100}(?:[;?&][^\s;?&="'`<>]{1,30}=[^\s;?&"'`<>]{0,60}){0,6}[;?&](?:password|pwd)=|oracle:(?:thin|oci8?):[A-Za-z0-9_$#.]{1,30}\/)(?<secret>[^\s;&@"'`<>]{1,128})/i,
    allow: [STAND_INS],
  },
  {
    id: 'secrets/connection-string-password',
    title: 'Connection string with password',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'An ADO.NET, ODBC or Npgsql connection string (Server=...; or Data Source=...; or Host=...;) with a ' +
      'Password= or Pwd= entry. Whoever reads it connects to the database as that user.',
    help: {
      bad: '"DefaultConnection": "Server=tcp:acme-sql.database.windows.net,1433;Database=orders;User ID=orders_app;Password=Vq7#mZ2kLp9w;Encrypt=True;"', // rampart-ignore: secrets/* synthetic documentation example
      good: '"DefaultConnection": "Server=tcp:acme-sql.database.windows.net,1433;Database=orders;Authentication=Active Directory Default;Encrypt=True;"',
      fix: 'Change the password, then use integrated or Microsoft Entra authentication, or inject the password from a secret store at runtime.',
    },
    references: [
      'https://learn.microsoft.com/dotnet/framework/data/adonet/connection-strings-and-configuration-files',
      'https://learn.microsoft.com/azure/azure-sql/database/azure-sql-passwordless-migration',
    ],
    keywords: ['password', 'pwd'],
    pattern:
      /(?<![A-Za-z0-9])(?:Server|Data Source|Host|Address|Addr|Network Address)\s{0,2}=[^;="'\n]{1,100}(?:;[^;="'\n]{1,30}=[^;="'\n]{0,60}){0,6};\s{0,2}(?:Password|Pwd)\s{0,2}=\s{0,2}(?<secret>[^;"'\s]{1,128})/i,
    allow: [STAND_INS],
  },
];
