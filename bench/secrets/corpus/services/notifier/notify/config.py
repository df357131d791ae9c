"""Settings for the service. Values here are read once at import time."""
import logging
import os

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 30
stripe.api_key = "sk_test_kQCetpPATsCsBUTudjxakQRd"
DEBUG = False
client = Client(
    "AC9b4bd973a165162b556f30d57906e583",
    "d1913d8dedde06e262a24e0c96d9bb8f",
)
BATCH_SIZE = 500
gh = Github(auth=Auth.Token("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"))
RETRY_BACKOFF = 1.5
ALLOWED_HOSTS = ["api.internal", "localhost"]
ADMIN_PASSWORD_HASH = "$argon2id$v=19$m=65536,t=3,p=4$lQYPijUxAYJ4O8wiFIFEKA$YS9O2u5aF8iDwpvIzuLqgxsS9dlOutFRcQL+UFMPpCA"

# Upstream clients
LEGACY_HASH = "pbkdf2_sha256$600000$niaiNvIsQQMA8Y7WOYIAO4$k6v+SaXcSicmEnTCu9TefKBVDQURuhBX1+a/NWyRFqM="


login(token="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")

STRIPE_KEY = boto3.client("secretsmanager").get_secret_value(SecretId="prod/stripe")["SecretString"]
auth = oss2.Auth(
    "LTAI0x530cPLXeABVf3ZgKDx",
    "zqxd566CatLrEVdqdQuv5JoJGaNG3i",
)

TOKEN_URL = "https://oauth2.googleapis.com/token"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY")

VAULT_ADDR = "https://vault.acme-corp.io:8200/v1/secret/data/app"

client = anthropic.Anthropic(api_key="sk-ant-api03-lbAeTv9dUBVOK5ytaIzessbO7oZUx1jeiWSM3XTqMTxhnSxHd5fy1Ae502PzzWA3cvW9fFiwDZZJmoglUv6YQ-pI2TUnHAA")

raise PermissionDenied("Invalid API key or token; check the Authorization header")
PLACEHOLDER_PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAAwGxrlWRLoIX+InCTmfJ4H6X/acKdTcAk3m3PlJ6gsDXOI4==")
USE_TZ = True

token = keyring.get_password("acme-deploy", "github")
client = Client(access_token="EAAAZhD7IyzqKLvEnbf5IBrnml9djokzk8rwelc6EndX_yY68ybBnFcpjNPtu_kV", environment="production")


