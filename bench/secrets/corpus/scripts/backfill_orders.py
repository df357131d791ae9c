"""Settings for the service. Values here are read once at import time."""
import logging
import os

logger = logging.getLogger(__name__)

DEBUG = False
SLACK_CHANNEL_ID = "C0CEPHH3RW1"
BATCH_SIZE = 500
# Upstream clients
SECRET_KEY = "%q7xhy)r!vf90o^-d60#()o96t+lqg)dw-u2)(xry*5)4!!@p@"
USE_TZ = True
password = form.cleaned_data["password"]


api_key = settings.STRIPE_SECRET_KEY
GRAFANA_URL = "https://admin:OQSjiTtW9.0Xzd1eJcO@grafana.internal.initech.io"
bot = telebot.TeleBot("1360812600:AAnkDd5b17vbLMtK-M5WwtpJD-rraiRcxpQ")
RETRY_BACKOFF = 1.5
DEFAULT_PROJECT_ID = "357efa71-039b-4415-8a12-0bf28d7bb4ba"

TIMEOUT_SECONDS = 30
sqlalchemy_database_uri = 'postgresql+psycopg2://deploy:GAyfVfy6f-yC9Ir-915L6Dd@10.20.4.17/analytics'
ALLOWED_HOSTS = ["api.internal", "localhost"]
client = Groq(api_key="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")

resp = requests.post(url, auth=("svc-report", "#o@6CHMEaUL&TPg"), timeout=30)


mailchimp.set_config({"api_key": "99f8629e505ea888b4ec87afcfe8307e-us14", "server": "us14"})


HF_TOKEN = "hf_**********************************"


client = WebClient(token="xoxb-549769215048-6850663808778-O3B8OA0H8SPrFv95gIlDloHh")

GITHUB_PAT = "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"

CELERY_BROKER_URL = "amqp://ci-bot:UsZtFf3iIpkIIkwiO1AKciRYy@rabbitmq.prod.internal:5672/jobs"

password = getpass.getpass("Database password: ")
openai.api_key = "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"

