terraform {
  required_version = ">= 1.6"
}

# --- networking ---
provider "aws" {
  region     = "us-east-1"
  access_key = "ASIADQZXBABXKPI4KSDV"
  secret_key = "1GeOScfhh2gzC24V3nDkVPLsDQY0FBtgh1DAWVF3"
}

resource "kubernetes_secret" "api" {
  data = {
    DATABASE_URL = "postgres://svc_billing:ghRIj0-dKOCddKlEH7NGyQ62rLcl@10.20.4.17:5432/api"
  }
}
  password = "${var.db_password}"
  kms_key_id = "arn:aws:kms:eu-west-1:987418713855:key/09577943-23b7-4cb6-89eb-72b6afb8e6f5"
variable "region" {
  type    = string
  default = "eu-west-1"
}
  master_password = random_password.db.result
  db_password_ciphertext = "AQICAHhUZlXNs5KlZ9xrimBp2K3ZZFC9Jaz75W5rC9f9b6biGsY2KEzpaNV8vt97RsYHBdWcbeMnwuWyXkNAaKfmqALu616cbSsy/ieHZT444ckbDv3plFnDoz77JiYD3iJKoKz8/TstE/iBpZxGOfgBchK4KcU9wsAonychyBKePzQ9x/f8BjrTE2WQ29sMeTHfgqLl80tRdxkULZJ/gf2nwgSwSUQzU122JvZ1oqo20xNzxRYc63J"
resource "aws_s3_bucket" "logs" {
  bucket = "acme-prod-logs"
}
module "vpc" { source = "git::https://github.com/globex/tf-modules.git//vpc?ref=85a7a41a0ae10523997b15feb66280c34b27faa1" }

  password = data.aws_secretsmanager_secret_version.db.secret_string
  vpc_id     = "vpc-ad2613dfb77c25a57"

variable "azure_subscription_id" {
  type      = string
  default   = "e54ae219-af13-4577-8801-9d819809aac7"
  sensitive = true
}

resource "azurerm_storage_account_customer_managed_key" "ignored" {
  # copied from the portal while debugging
  primary_access_key = "F/D/PCmWAePpfuD0wCcXtoQcXRm+YhsXiN6bjiakFl4pjBmhdoDWZZGGk0gOAoRhSQh7XPGsc6sKnkyggsmGCQ=="
}

