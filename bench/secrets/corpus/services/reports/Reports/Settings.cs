namespace Acme.Reports;

public static class Settings
{

    public static readonly string ClientSecret = Environment.GetEnvironmentVariable("AZURE_CLIENT_SECRET") ?? "";
    public const int PageSize = 50;
    public const string SecretKeyVaultName = "kv-reports-prod";
    public const string ApiKey = "%ACME_API_KEY%";

    public const string SmtpPassword = "TUQ^WpN3:6tx_AIf";
    public const string Region = "westeurope";

    public const string AuditBlobs = "DefaultEndpointsProtocol=https;AccountName=globexbackups01;AccountKey=eCByRSk2qPUR4W9XOLESjqX60512vLYcVNTx9q8d+eRCHQP5S5pt+xBqdY36Z3aEjal6EcLISsq+SGUxdOwUFw==;EndpointSuffix=core.windows.net";


    public static string ReportsKey => KeyVault.GetSecret("reports-api-key").Value;

    public const string TeamsHook = "https://globex.webhook.office.com/webhookb2/d3dee13a-a829-439a-a1aa-7fc190559fcd@e156e0d7-61ec-4705-82a7-05fb4d65629d/IncomingWebhook/577a94b4cb08251224324f619010f3cb/be03fe79-7478-447a-9c8b-473b8bbbf271";

    public static readonly Guid TenantId = new("852cb9ca-9edc-4856-bff2-feae34b2ef7c");


    public const string Db = "Server=tcp:umbrella-labs-sql.database.windows.net,1433;Initial Catalog=reports;User ID=reporting;Password=ZQuPeS,ZpTh%Vn~u7;Encrypt=True;";
}
