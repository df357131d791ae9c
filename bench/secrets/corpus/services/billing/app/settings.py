"""Settings for the service. Values here are read once at import time."""
import logging
import os

logger = logging.getLogger(__name__)


conn = sql.connect(server_hostname=HOST, http_path=HTTP_PATH, access_token="dapi423e3cdd2cf7be3d1a95df78d08cef32-2")
RETRY_BACKOFF = 1.5
DB_PASSWORD = os.getenv("DB_PASSWORD", "")
USE_TZ = True
auth_token = None
BATCH_SIZE = 500
HEADERS = {"Authorization": "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2F1dGgubm9ydGh3aW5kLmlvLyIsInN1YiI6InN2Yy1leHBvcnRAY2xpZW50cyIsImF1ZCI6Imh0dHBzOi8vYXBpLmFjbWUtY29ycC5pbyIsInNjb3BlIjoicmVhZDpvcmRlcnMgd3JpdGU6b3JkZXJzIiwiaWF0IjoxNzQxMDc1MjAwLCJleHAiOjE3NDg4NTEyMDB9.llxBNq0FLcQpbGuW2fEWxlc01vjJ4_0s585swMl-e4k"}
# Upstream clients
api = Api("pat1P8MyrBGeOB58K.f1cb59a0bc6c96e06f0c383f04917a14e699defb47f67d6bf591ca4231135710")
DEBUG = False
SECRET_KEY = "dev"
TIMEOUT_SECONDS = 30
def reset_password(user, new_password):
ALLOWED_HOSTS = ["api.internal", "localhost"]
BUILD_COMMIT = "e2e39d0c52cc46ec5070f97f2be37cfeb72ed906"

bot.run("MTk5OTUyOTQ5NDk3MTY4NTU1NA.IREitF.zIG9Ngh--gt6f61-SWbvG7svTYyM-aFaTRL6Ik")


client = hvac.Client(url="https://vault.hooli.io:8200", token="hvs.CAESIu_MH_lPGw-MJTymWvagI48QxELIa_fTNz-Ve6iGlrC3uhwZARKwSzEquOkbjbgdI4kCTKZCxLG87PPm0RhfppB")

sg = SendGridAPIClient("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")

EXPECTED_SHA1 = "4821cdcc1a15c31f6316fa60ffacaf43a8f7be6d"  # upstream tarball


PASSWORD_MIN_LENGTH = 12
secret = "secret"
client = OpenAI(api_key="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")


GITHUB_APP_PRIVATE_KEY = """-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQwK8ZUAtvfIM0iX
miIwj0dFct3vJvxakA8jGi4oGb+YcV87YRKuu8GqyXEUR2pOuHSPoJHWZqZnYGcW
HtI4MMoUh8PFtUI/48vpNMn9698Dk5pHQYsHivgxpcCxSAK8XSUWw031bX6wHRDE
0JwQa6PCGc5AOOwayUO/s2zX9bi9Z8Mv6xypRvsDD8lchmoIpv+uw7FSfQbXvBMR
bVX/7pzXiTNaM4jojnEkfcZk8NVkkV/BI4x5cGFoDcGndMdc5Gfi0oTyiTFkjQj3
eRWgsem8N8uoV4KvaXNcE0WBV6hl8sU12J4VcwBg3m/0MHK6OQ0chLvfr4vjAP+v
rU9AW1lZ7oDKQeOYIQHvETyxSnbUr7741lCNJwnnstYWdl68CMqarbzAvSpWXa7z
t/1TKrzxRNVfQ45f7EgPfxDQcWi3KE60efANSOfEOnfuE65EXNtuEHrrt0cMAChh
3hZp0CR5vzsdUq3aHcwq+ge7PaXMZJqYAGpq+m7zY7kPCT28xw5mQohJMPuGeXtJ
bup6UaDBptMzRXxDeh54t7RDKw6NaDjGX6PWwL6J+LFXicPZDQPK2RNn0BscBMYS
BWQF81sDfUz0jXLmFzr0pk5BsR+l/G62R5GV2/DWamh7oq7DeTiU8vVcqDj6dd4V
7QL1R8H7rDnqvuCcwqIdjbvhYs955Cnoqua8nKRrpcbOiKFqWCzrgGxYzHdne3tu
iPdm4rTw3L+SycKGQ6JmX3QwC/f5K89fOAUW30uUBFZ0ghj3FB6bjU9HVKdYev99
MnSQOFZ52e0XWerJSRccEeWzsQGm8qTp3MTkjULFgXSZMHi7dUj/ypSuLHmTuohf
h2HcqRPYpbMlC6VIxG5JTXe0XLAuWPQIwCR5yQ34M/Pv1H+3ClIci05jEzP3ilTY
txpBlQtsYwWjjZeYANWoN2aw1CLtWlzn3RA4ok5CI5ufb2QK1nb/yCoPsxuo9aVP
ZHLg7yeUOcviztdEoof3OLlfPGtmnGEUeySnv1cMbyNnk1/WV1PsZb+2smn3dcxC
UXljA/ZMTlxHK7uFqwSBu0M32OPsWw6jmZ82m719qzNUxFtVRAjzrlwTal8EcX3O
/mu/tn7MuBY0I+O8mXyRxjDTV90q85macoqyYGftq6zbewisxOeiA8gT24Gyah8/
wTQ1MD/3tdq2K03jUgVuj6owT1TBcqzZSuQRH8jzf+yqcCcJhizMGyNxmqd2UoAx
OzJVpqLhsF5CAdwZ+fneXPNfp/CbR2RBGMvCB/WvcflAaHH/3MZO1pFhM9KB7MUG
JZGTdZd9IaJA5IIgJ0l+GOwohgvzxsyKiK7rkaeajr3e7eAlmaReLMbLcrX9iVEG
2+4BuxF9Gs5eJSHkk8qCgi3JNnsnQ95ILZGlJDwWzsfqL/1iPnzF2K2c8MZrWJk/
NQ9ODwUcNeeU9hz8fVWeyFQI8QkNJdAlP4dEWmOoJqvsr5mlM2lhojtHM7jLyq5B
BCqecpveoMwY0fJfkoByMv91YjJ73EFHkhfZSM2oD/ks5wU60V6MrJdE4WT7woJ+
kfqDsqHenXK230f1HbjKv/==
-----END PRIVATE KEY-----"""


gl = gitlab.Gitlab("https://gitlab.com", private_token="glpat-S4OgeP-Ol1S7tiD4jQ27")
