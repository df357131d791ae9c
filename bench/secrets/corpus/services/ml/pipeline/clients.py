"""Settings for the service. Values here are read once at import time."""
import logging
import os

logger = logging.getLogger(__name__)

TOKEN_EXPIRY_SECONDS = 3600
# Upstream clients
jira = JIRA(server="https://acme-corp.atlassian.net", basic_auth=("ops@acme-corp.io", "ATATT3xFfGF0bhwUocD7Hgudtt2X5IVFB4iNtvyNha6f9GpBvhWSDAo2UCXwfHxFeJrfOnV2dE87u8ES83YN03Grr1c5GkXiWnLnd-T21vwCgHir3vBkO4gGdVLehvZ9H_b-F_xysLPgq8u0Rw0ZF1x7USzBnh8Uk606HkA9Sxb-HGqflrscpl4QJdXW9H=79713643"))
DEBUG = False
flow = Flow.from_client_config({"web": {"client_id": CLIENT_ID, "client_secret": "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"}}, scopes=SCOPES)
credential = ClientSecretCredential(tenant_id=TENANT_ID, client_id=CLIENT_ID, client_secret="lHL7Q~6vx5Lf8w-Hi60DaCEHAZy_j38fptfaDjZc")
TIMEOUT_SECONDS = 30
admin_password = 'admin'
USE_TZ = True
EXPORT_URL = "https://hoolimedia50.blob.core.windows.net/reports/daily.csv?sp=r&st=2025-02-01T09:00:00Z&se=2026-02-01T17:00:00Z&spr=https&sv=2022-11-02&sr=b&sig=QHAjgchsR8U2jz%2B82BY5Z5jqZZbhKnw6AYHl4REDFpM%3D"
ALLOWED_HOSTS = ["api.internal", "localhost"]
password_field = forms.CharField(widget=forms.PasswordInput, label="Password")
RETRY_BACKOFF = 1.5

session.headers["Authorization"] = "Basic Y2ktYm90OmYzN1g1ai11V2RHITFtMHglZC5zcStPcg=="

stripe_endpoint_secret = 'whsec_AYsqsEyXrIgjDZd5rQeV7SzTq0guxckU'
BATCH_SIZE = 500
s3 = boto3.client(
    "s3",
    aws_access_key_id="AKIARUWKQVQJ465G5IKC",
    aws_secret_access_key="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",
    region_name="eu-west-1",
)

AUTH_TYPE = "api_key"

YOUTUBE_API_KEY = "AIzaReRFSMPyxf4CNS8Si6gxce1mC6YtT3Rn-tg"


OPENAI_API_KEY = os.environ["OPENAI_API_KEY"]


requests.post("https://discordapp.com/api/webhooks/6682890427725771334/heRCt2WZstDm-ZsNTNBNzWpEOYVBNmrRtYv7RPXrn4J4cLqH7osaCl1-S5zm0684yJhv", json={"content": msg}, timeout=10)
stripe.api_key = "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"

openai_api_key = '<insert api key>'

GITHUB_TOKEN_RE = re.compile(r"gh[pousr]_[A-Za-z0-9]{36}")
