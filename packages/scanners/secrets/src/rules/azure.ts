import type { SecretRule } from '../secret-rule.js';

const KEY_VAULT = 'https://learn.microsoft.com/azure/key-vault/general/overview';
const ASSIGN = String.raw`["']?\s{0,4}[:=]{1,2}>?\s{0,4}["']?`;

/**
 * Microsoft Azure and Azure DevOps credentials. Most Azure keys are plain base64 without a prefix, so
 * these rules anchor on the connection-string syntax or the host name around them.
 *
 * The emulators' well-known keys (Azurite's `devstoreaccount1` key, the Cosmos DB emulator key) are
 * published in Microsoft's documentation, work only against a local emulator and are not reported.
 */
export const AZURE_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/azure-storage-account-key',
    title: 'Azure storage account key',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'An Azure Storage account key (88 base64 characters), in a connection string (AccountName=...;AccountKey=) ' +
      'or assigned to an AZURE_STORAGE_KEY-like name. It gives full control of every blob, file, queue and table ' +
      'of the account, and signs SAS tokens for it.',
    help: {
      bad: 'AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=acmeassets;AccountKey=5IgaSU/va2MlLcMBjFH0v3+pBm07FPA7Se1biUEJsM7Ygei71Mprx5UbPJUQvX0ol7jBO8EmZTwyf3PVpnMzBg==;EndpointSuffix=core.windows.net"', // rampart-ignore: secrets/* synthetic documentation example
      good: 'const blobs = new BlobServiceClient(accountUrl, new DefaultAzureCredential());',
      fix: 'Rotate the key (Access keys > Rotate key), then use Microsoft Entra ID (managed identity, DefaultAzureCredential) or short-lived user delegation SAS instead of account keys.',
    },
    references: [
      'https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage',
      'https://learn.microsoft.com/azure/storage/common/storage-configure-connection-string',
    ],
    keywords: ['accountkey=', 'storage', '--account-key', 'primary_access_key', 'secondary_access_key'],
    // Also the Azure CLI's --account-key flag, and the storage account's primary_access_key and
    // secondary_access_key attributes (Terraform outputs and state).
    pattern: new RegExp(
      String.raw`(?:AccountName=(?!devstoreaccount1;)[A-Za-z0-9]{3,24};\s{0,4}AccountKey=|(?<![A-Za-z0-9])azure[_.-]?storage[_.-]?(?:account[_.-]?)?(?:access[_.-]?)?key${ASSIGN}|(?<![A-Za-z0-9-])--account-key(?:[ \t]{1,4}|=)["']?|(?<![A-Za-z0-9])(?:primary|secondary)_access_key${ASSIGN})(?<secret>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])`,
      'i',
    ),
    allow: [/^Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq\/K1SZFPTOtr\/KBHBeksoGMGw==$/],
  },
  {
    id: 'secrets/azure-cosmos-db-key',
    title: 'Azure Cosmos DB account key',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'An Azure Cosmos DB account key, in a connection string (AccountEndpoint=https://<account>.documents.azure.com' +
      ';AccountKey=) or assigned to a COSMOS_KEY-like name. A primary key reads, writes and deletes every ' +
      'database and container of the account.',
    help: {
      bad: 'COSMOS_CONNECTION="AccountEndpoint=https://acme-orders.documents.azure.com:443/;AccountKey=MIzC/eSiXqLMYH2zrQgaELMu3nHfkip/2lCjbWVCl0976p2uimCpfqW4aJppbJsTAJhUQA/FQcUzjg3zmfKOAA==;"', // rampart-ignore: secrets/* synthetic documentation example
      good: 'const cosmos = new CosmosClient({ endpoint, aadCredentials: new DefaultAzureCredential() });',
      fix: 'Regenerate the key (Keys > Regenerate), then use Microsoft Entra ID role-based access, or keep keys in Key Vault.',
    },
    references: [
      'https://learn.microsoft.com/azure/cosmos-db/database-security#primary-keys',
      'https://learn.microsoft.com/azure/cosmos-db/how-to-setup-rbac',
    ],
    keywords: ['documents.azure.', 'cosmos'],
    pattern: new RegExp(
      String.raw`(?:AccountEndpoint=https:\/\/[A-Za-z0-9-]{3,50}\.documents\.azure\.(?:com|us|cn)(?::443)?\/?;\s{0,4}AccountKey=|(?<![A-Za-z0-9])(?:azure[_.-]?)?cosmos(?:[_.-]?db)?[_.-]?(?:primary[_.-]?|master[_.-]?|account[_.-]?)?key${ASSIGN})(?<secret>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])`,
      'i',
    ),
    allow: [/^C2y6yDjf5\/R\+ob0N8A7Cgv30VRDJIWEHLM\+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw\/Jw==$/],
  },
  {
    id: 'secrets/azure-service-bus-key',
    title: 'Azure Service Bus / Event Hubs shared access key',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A shared access key in a Service Bus, Event Hubs or Relay connection string (Endpoint=sb://...;' +
      'SharedAccessKeyName=...;SharedAccessKey=). Depending on its policy it sends, listens to or manages every ' +
      'queue, topic and event hub of the namespace.',
    help: {
      bad: '"ServiceBus": "Endpoint=sb://acme-orders.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=1DjlNKVHLeSlxUKAWNX3sgFZjlMqujZAHEQiqbXx3vU="', // rampart-ignore: secrets/* synthetic documentation example
      good: '"ServiceBus": { "fullyQualifiedNamespace": "acme-orders.servicebus.windows.net" }',
      fix: 'Regenerate the policy key, use Microsoft Entra ID (managed identity) instead of shared access keys, and never ship RootManageSharedAccessKey to applications.',
    },
    references: [
      'https://learn.microsoft.com/azure/service-bus-messaging/service-bus-sas',
      'https://learn.microsoft.com/azure/event-hubs/authorize-access-shared-access-signature',
    ],
    keywords: ['servicebus.'],
    pattern:
      /Endpoint=sb:\/\/[A-Za-z0-9-]{1,50}\.servicebus\.(?:windows\.net|chinacloudapi\.cn|usgovcloudapi\.net|cloudapi\.de)\/?;\s{0,4}SharedAccessKeyName=[^;\s"']{1,256};\s{0,4}SharedAccessKey=(?<secret>[A-Za-z0-9+/]{43}=)(?![A-Za-z0-9+/=])/i,
  },
  {
    id: 'secrets/azure-iot-hub-key',
    title: 'Azure IoT Hub shared access key',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A shared access key in an Azure IoT Hub or Device Provisioning connection string (HostName=<hub>.' +
      'azure-devices.net;...;SharedAccessKey=). A device key impersonates the device; a hub policy key such as ' +
      'iothubowner controls every device of the hub.',
    help: {
      bad: 'IOTHUB_DEVICE_CONNECTION_STRING="HostName=acme-fleet.azure-devices.net;DeviceId=pump-042;SharedAccessKey=tSjCGtcNERhH0tsb6JK7zQHgNvAM/gZL7y90Pzy0l5c="', // rampart-ignore: secrets/* synthetic documentation example
      good: 'IOTHUB_DEVICE_CONNECTION_STRING="${IOTHUB_DEVICE_CONNECTION_STRING}"',
      fix: 'Regenerate the device or policy key, provision devices with X.509 certificates or DPS, and keep connection strings out of firmware and repositories.',
    },
    references: [
      'https://learn.microsoft.com/azure/iot-hub/authenticate-authorize-sas',
      'https://learn.microsoft.com/azure/iot-hub/iot-hub-dev-guide-sas',
    ],
    keywords: ['azure-devices'],
    pattern:
      /HostName=[A-Za-z0-9-]{3,50}\.azure-devices(?:-provisioning)?\.net;[^"'\s]{0,300}?SharedAccessKey=(?<secret>[A-Za-z0-9+/]{43}=)(?![A-Za-z0-9+/=])/i,
  },
  {
    id: 'secrets/azure-signalr-access-key',
    title: 'Azure SignalR / Web PubSub access key',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'An access key in an Azure SignalR Service or Web PubSub connection string (Endpoint=https://<name>.service.' +
      'signalr.net;AccessKey=). It signs client tokens, so its holder can join any hub or group and send to ' +
      'every connected client.',
    help: {
      bad: '"Azure:SignalR:ConnectionString": "Endpoint=https://acme-live.service.signalr.net;AccessKey=XIQ3Ls8u2Llbgtg92GJeStAqm7sb+JZ09ioWq+9Bbms=;Version=1.0;"', // rampart-ignore: secrets/* synthetic documentation example
      good: '"Azure:SignalR:ConnectionString": "Endpoint=https://acme-live.service.signalr.net;AuthType=azure.msi;Version=1.0;"',
      fix: 'Regenerate the key (Keys > Regenerate), then switch to Microsoft Entra ID authentication (AuthType=azure.msi) or keep the string in Key Vault.',
    },
    references: [
      'https://learn.microsoft.com/azure/azure-signalr/signalr-concept-authorize-azure-active-directory',
      'https://learn.microsoft.com/azure/azure-signalr/concept-connection-string',
    ],
    keywords: ['signalr.net', 'webpubsub.azure.com'],
    pattern:
      /Endpoint=https?:\/\/[A-Za-z0-9-]{3,63}\.(?:service\.signalr\.net|webpubsub\.azure\.com)\/?;\s{0,4}AccessKey=(?<secret>[A-Za-z0-9+/]{43}=)(?![A-Za-z0-9+/=])/i,
  },
  {
    id: 'secrets/azure-sas-token',
    title: 'Azure shared access signature',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'An Azure Storage shared access signature: a sig= parameter holding a base64 HMAC-SHA256 right after another ' +
      'SAS parameter (sv=, se=, spr=, sr=...), in a URL or a SharedAccessSignature= connection string. Until it ' +
      'expires it grants what its sp= permissions say on the account, container or blob; account SAS often last years.',
    help: {
      bad: 'curl "https://acmeassets.blob.core.windows.net/backups?sv=2022-11-02&ss=b&srt=co&sp=rwdlac&se=2030-01-01T00:00:00Z&spr=https&sig=sh74xJbzuYoJtVTIVUR4bY2Zk019mIiChKTVUs3ckb4%3D"', // rampart-ignore: secrets/* synthetic documentation example
      good: 'curl "https://acmeassets.blob.core.windows.net/backups?${BACKUP_SAS}"',
      fix: 'Revoke the SAS: rotate the account key that signed it, or delete its stored access policy. Prefer short-lived user delegation SAS issued at runtime.',
    },
    references: [
      'https://learn.microsoft.com/azure/storage/common/storage-sas-overview',
      'https://learn.microsoft.com/azure/storage/common/sas-expiration-policy',
    ],
    keywords: ['sig='],
    pattern:
      /[?&;]s[a-z]{1,4}=[^\s&"'<>?;]{1,80}&sig=(?<secret>(?:[A-Za-z0-9+/]|%2[BbFf]){43}(?:%3D|=))(?![A-Za-z0-9%+/=])/,
  },
  {
    id: 'secrets/azure-entra-client-secret',
    title: 'Microsoft Entra ID client secret',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Microsoft Entra ID (Azure AD) application client secret in its 40-character format (a digit and "Q~" ' +
      'at the 4th to 6th characters). With the app and tenant IDs it obtains tokens as the application, with ' +
      'every API permission (often Microsoft Graph) the app was granted.',
    help: {
      bad: 'client_secret = "pzB0Q~e9lct4mnb3.MYTUpB3lVsHg~S7YyBkzkLR"', // rampart-ignore: secrets/* synthetic documentation example
      good: 'client_secret = var.client_secret',
      fix: 'Delete the secret in the app registration (Certificates & secrets), and move to a managed identity, workload identity federation or a certificate.',
    },
    references: [
      'https://learn.microsoft.com/entra/identity-platform/how-to-add-credentials',
      'https://learn.microsoft.com/entra/workload-id/workload-identity-federation',
    ],
    keywords: ['q~'],
    pattern: /(?<![A-Za-z0-9_~.-])(?<secret>[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{34})(?![A-Za-z0-9_~.-])/,
  },
  {
    id: 'secrets/azure-devops-pat',
    title: 'Azure DevOps personal access token',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'An Azure DevOps personal access token (52 lower-case base32 characters, or the newer 84-character ' +
      'format) assigned to an AZURE_DEVOPS/ADO/VSTS-like name. It acts as its owner on repositories, ' +
      'pipelines, artifacts and boards, within its scopes.',
    help: {
      bad: 'AZURE_DEVOPS_EXT_PAT=6dqes2tx47adrvznhtpsl6ru65i32ac77s4coxnh4ily4mlovhhq', // rampart-ignore: secrets/* synthetic documentation example
      good: 'AZURE_DEVOPS_EXT_PAT=$(System.AccessToken)',
      fix: 'Revoke the token (User settings > Personal access tokens), then use the pipeline System.AccessToken, a service principal or managed identity.',
    },
    references: [
      'https://learn.microsoft.com/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate',
      'https://learn.microsoft.com/azure/devops/integrate/get-started/authentication/service-principal-managed-identity',
    ],
    keywords: ['azure', 'azdo', 'ado', 'vsts'],
    pattern: new RegExp(
      String.raw`(?<![A-Za-z0-9])(?:azure[_.-]?devops|azdo|ado|vsts)[A-Za-z0-9_.-]{0,20}?(?:pat|token|password)${ASSIGN}(?<secret>[a-z2-7]{52}|[A-Za-z0-9]{84})(?![A-Za-z0-9])`,
      'i',
    ),
    minEntropy: 4,
  },
  {
    id: 'secrets/azure-function-key',
    title: 'Azure Functions key',
    severity: 'medium',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'An Azure Functions access key, in a function URL (<app>.azurewebsites.net/api/<name>?code=) or an ' +
      'x-functions-key header. A function key invokes one function; a host or master key invokes every ' +
      'function of the app, and the master key also administers it.',
    help: {
      bad: "fetch('https://acme-billing.azurewebsites.net/api/invoice?code=vVe-WsJ4_O9K9Yw9aZ6SV_yYWNi4cjRM76duZbt_Tz47R2XkUhH8sg==')", // rampart-ignore: secrets/* synthetic documentation example
      good: "fetch('https://acme-billing.azurewebsites.net/api/invoice', { headers: { 'x-functions-key': process.env.FUNCTION_KEY } })",
      fix: 'Renew the key in the portal (App keys or Function keys), and protect functions with Microsoft Entra ID or API Management instead of shared keys in URLs.',
    },
    references: [
      'https://learn.microsoft.com/azure/azure-functions/function-keys-how-to',
      'https://learn.microsoft.com/azure/azure-functions/security-concepts#function-access-keys',
    ],
    keywords: ['azurewebsites.net/api/', 'x-functions-key'],
    pattern:
      /(?:\.azurewebsites\.net\/api\/[A-Za-z0-9_/-]{1,100}\?(?:[^\s&"'#]{1,100}&)?code=|x-functions-key["']?\s{0,4}[:=]\s{0,4}["']?)(?<secret>[A-Za-z0-9_/+-]{40,100}(?:%3D|=){0,2})(?![A-Za-z0-9_/+%=-])/i,
    minEntropy: 4,
  },
  {
    id: 'secrets/azure-container-registry-password',
    title: 'Azure Container Registry password',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'An Azure Container Registry admin or token password, given to docker login for <name>.azurecr.io or ' +
      'assigned to an ACR_PASSWORD-like name. Its holder pulls private images and, usually, pushes new ones ' +
      'that your deployments will run.',
    help: {
      bad: 'docker login acmeprod.azurecr.io -u acmeprod -p qKG0Fee/AlNhdJiB5shSSFLW5WVSZwVm', // rampart-ignore: secrets/* synthetic documentation example
      good: 'az acr login --name acmeprod',
      fix: 'Regenerate the admin password (or the token password), disable the admin user, and authenticate with az acr login, a managed identity or a service principal.',
    },
    references: [
      'https://learn.microsoft.com/azure/container-registry/container-registry-authentication',
      'https://learn.microsoft.com/azure/container-registry/container-registry-repository-scoped-permissions',
    ],
    keywords: ['azurecr.io', 'acr', 'container'],
    pattern: new RegExp(
      String.raw`(?:\.azurecr\.io\s{1,4}(?:-u|--username)[ =][A-Za-z0-9._@-]{1,64}\s{1,4}(?:-p|--password)[ =]["']?|(?<![A-Za-z0-9])(?:acr|azure[_.-]?container[_.-]?registry)[_.-]?(?:admin[_.-]?)?password["']?\s{0,4}[:=]\s{0,4}["']?)(?<secret>[A-Za-z0-9+/=]{32,60})(?![A-Za-z0-9+/=])`,
      'i',
    ),
    minEntropy: 4,
  },
  {
    id: 'secrets/azure-openai-key',
    title: 'Azure OpenAI API key',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'An Azure OpenAI (Azure AI services) key, 32 hexadecimal or 84 alphanumeric characters assigned to an ' +
      "AZURE_OPENAI_API_KEY-like name. It calls every model deployment of the resource at its owner's expense.",
    help: {
      bad: 'AZURE_OPENAI_API_KEY=48692d867484d1c23c1ddb9bfe54b62b', // rampart-ignore: secrets/* synthetic documentation example
      good: 'AZURE_OPENAI_API_KEY=${AZURE_OPENAI_API_KEY}',
      fix: 'Regenerate the key (Keys and Endpoint > Regenerate), and use Microsoft Entra ID authentication or Key Vault references instead of keys in configuration.',
    },
    references: [
      'https://learn.microsoft.com/azure/ai-services/authentication',
      'https://learn.microsoft.com/azure/ai-services/openai/how-to/managed-identity',
    ],
    keywords: ['openai', 'aoai'],
    pattern: new RegExp(
      String.raw`(?<![A-Za-z0-9])(?:azure[_.-]?openai|aoai)[A-Za-z0-9_.-]{0,20}?(?:api[_.-]?)?key${ASSIGN}(?<secret>[0-9a-f]{32}|[A-Za-z0-9]{84})(?![A-Za-z0-9])`,
      'i',
    ),
    minEntropy: 3,
  },
  {
    id: 'secrets/azure-apim-subscription-key',
    title: 'Azure API Management subscription key',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'An Azure API Management or Azure AI services subscription key (32 hexadecimal characters) in an ' +
      'Ocp-Apim-Subscription-Key header or a subscription-key parameter of an azure-api.net URL. It calls ' +
      'every API of its product or service as the subscriber.',
    help: {
      bad: "headers = {'Ocp-Apim-Subscription-Key': '9c46e0a2387b2b57eeeba611abab903c'}", // rampart-ignore: secrets/* synthetic documentation example
      good: "headers = {'Ocp-Apim-Subscription-Key': os.environ['APIM_KEY']}",
      fix: 'Regenerate the subscription key in the portal and load it from configuration or Key Vault; prefer OAuth or managed identities where the API supports them.',
    },
    references: [
      'https://learn.microsoft.com/azure/api-management/api-management-subscriptions',
      'https://learn.microsoft.com/azure/ai-services/authentication#authenticate-with-a-single-service-resource-key',
      KEY_VAULT,
    ],
    keywords: ['ocp-apim-subscription-key', 'azure-api.net'],
    pattern:
      /(?:Ocp-Apim-Subscription-Key["']?\s{0,4}[:=]\s{0,4}["']?|\.azure-api\.net\/[A-Za-z0-9_/.-]{0,100}\?(?:[^\s&"'<>#?]{1,100}&){0,6}subscription-key=)(?<secret>[0-9a-f]{32})(?![0-9a-f])/i,
  },
];
