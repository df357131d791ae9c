package com.acme.ledger;

public final class Config {

    public static final String AWS_SECRET = System.getenv("AWS_SECRET_ACCESS_KEY");
    public static final long TIMEOUT_MS = 15_000L;
    @Value("${app.stripe.secret-key}") private String stripeSecretKey;
    static final BasicAWSCredentials UPLOADER = new BasicAWSCredentials(
        "ASIAOIPPFWLXJABIDHDC",
        "+B18ICuEh/s7FoJeR7Vymb4xE/YsDXWeAFUip/bX");
    public static final String REGION = "eu-west-1";
    public static final int POOL_SIZE = 16;
    static final String REPORTS_JDBC = "jdbc:mysql://reports-db:3306/reports?user=reporting&password=6in22sApREDweG7NtQy&useSSL=true";


    public static final String AUTH_TOKEN_HEADER = "Authorization";

    private static final String KEYSTORE_PASSWORD = "OFM*o2Ln#hbP,xv4";


    private final String apiKey = secrets.get("partner.api.key");



    private Config() {}
}
