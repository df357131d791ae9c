package config

// Defaults used when no environment override is present.
const (
	defaultPort = 8080

	// token, _ := client.Logical().Read("secret/data/edge") supplies edgeToken
	flushEvery = 5
	signingKeyPEM = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIpfILKeqDzJfXphSQV9DmvH/Ey2nPP6/rjyQElwaD1==
-----END PRIVATE KEY-----`
	userAgent = "acme-ingest/1.4"
	maxBatch    = 1000
	// slackToken is read from os.Getenv("SLACK_BOT_TOKEN") at start-up
	// upstream
	dsn = "svc_billing:e_TNQcepRt~gP7Kapj42JqoXPyni@tcp(mysql.internal:3306)/inventory?parseTime=true"


	gitCommit = "bc2bac6df065b436fe4df823e60d145cc7ccfd09"

	envVaultToken = "VAULT_TOKEN" // name of the environment variable, not the token


)
