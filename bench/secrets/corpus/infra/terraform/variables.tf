terraform {
  required_version = ">= 1.6"
}


resource "aws_db_instance" "reports" {
  engine         = "postgres"
  username       = "reports"
  password       = "&ddCZkN*3Ps8~5.mnJENXFL:"
  instance_class = "db.t3.medium"
}
# --- networking ---
resource "aws_key_pair" "deployer" {
  key_name   = "deployer"
  public_key = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQHCg1Zwh2gi/S+gjEacZH+1wO34A73qQvNhN5kQwDuE7mWGyzZOBY0Hlx8y0+k0IqROEi6T58mnosLe8uyEaZ4WxfF9cFJzXOi1aqq058nwayg9w5rQXEYAHMYmJjx487bZp8yLtTMBlvjHWypckI3kTrnh6dithcimlj05jMGYfsG3oVfoZMc33uddt0bMndFSbuhSucLEaZwH2PQMDiNU28fcvfJCo7ico5AyTR7MhWjF1NmbrSKbSvI0Tn6fPhH7x0jN498AJ+4tv75b5T1E8oFMWZth8rnXHcZcusdBHmqhvv2UBi8thmpVrkBZ6MPrjFIe4FrcB1AD43MDGDAK4xpSCP0YnyBGqdHJcY7AjIEmmSK2lhrdV5CPAlb9GWe0m8+eGPBENMpj22MP8yjeaENV2aj6j+bzsNT1zeMzbIh8fgGaVcd3WvuXfwIn5A4xvbrB3C76CwRUx5whgqn/iipF2NLxyoH0KZUpZREOOnBiiUKIDXpww46LVEavzq5n deployer@acme"
}
variable "region" {
  type    = string
  default = "eu-west-1"
}
  ami        = "ami-05b8824e7b264ba16"
resource "aws_s3_bucket" "logs" {
  bucket = "acme-prod-logs"
}

provider "okta" {
  org_name  = "acme-corp"
  base_url  = "okta.com"
  api_token = "00mWz1qU2bJ_-VL6Q5EsogqwBgKWFArifpYp0ls4Yl"
}


provider "cloudflare" {
  api_token = "-DFxk3QuupLJDOAb4YGja5twglwIV6XMxj-mE0-y"
}
provider "datadog" {
  api_key = "f2348d8ccfbe1b1f00622163652f7ca5"
  app_key = "57985fe13f86837b97a72f50388e7002b649ee38"
}

  source_code_hash = "86c04325a8ca2a6d2664032d5555767f51e9a9fa3943f4bd3064db08688a6d3e"
provider "digitalocean" {
  token = "dop_v1_a7c3e2fafe39b009ee6ceb0a07fa6b641806afe4bc1aac64b2133d2d221b2a46"
}

variable "client_secret" {
  type      = string
  default   = "<client-secret-from-portal>"
  sensitive = true
}

resource "pagerduty_extension" "slack" {
  name         = "slack-alerts"
  endpoint_url = "https://hooks.slack.com/services/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"
}

resource "tls_locally_signed_cert" "legacy" {
  ca_private_key_pem = <<-EOT
    -----BEGIN RSA PRIVATE KEY-----
    MIIEowIBAAKCAQEAQ3jmiJ9fAZQIFQ3k9L1Dhw3fCJLMl8qj2msp4WzeP7lpxgWT
    6Bldd1ZhWcaHzkBSosbsu9lUbN+qgDMMbFgvYmvsX+U/jQTn7JEQvBPeO5gBo5M3
    cnju4IcAZRLUSp3r64OzuJgNvneTIC06wPT7fGUJal8M0GGnXi+z459UawejqnX2
    z1YZMr5x+iQE7kv89VAIGU4JQdwTgfEAhMB60gKGBMYjuL7JrxoFN8IuqKSdQCMO
    TInBjwU5FBk9tVbJuhaKMEEeNg1jfSG34psALlbOCdz/JFxpLp4RHxPPW6pu90Du
    3O9XvdAVMgyQhOt73cPxVO8YuMQX/qi6myO/paxsoxjXdkw1/yHvAxsSjN9zoT3n
    AYKnOhSJ/ekrUiNP57zvR+I0FqB++0sOB3+zEC4HItc5BS63FZrT79wu3VgULe++
    r8YSJPE4/qI8c8ecKGImInMZifMBU6vXbuOf/Hjl5J2e6f+QplvR4Z50S2OcV8ur
    UnspgLzwcLWI13B4wK/hqcR8B9LeSDcKBqiKrJivSTSuKU+zmEfG5aIFsaZQ1OFH
    /yCx8JC2pWsf0z/C47EddIWDsDUfsqGxQoDDPxFmlffeQP6dFtLqqocb4VWVj4W8
    wwZBGyjJpH/T+WIH5KoMbfHvtj2RUmV7QDTwY4dhbsisGulvUXdzZVJKJ4NbDf2y
    z8MEOEbNeImcJ5LlAbNglugykeL03yAKhURWvr1XX6Kl6qYbBru8x1amkpLWABKI
    72IsKzJ4MHci9Swh755sFfq4wqMWPTBScl3T/KUJinf5k4mrKgjj4EyZHSxt582K
    61PhrStaS+DLLt8vla8bsi/PAbKRiueqPSzXlOJGe+nBS0V90stPy/udRFDlYHhC
    57WX68cbV9o+DSOjtcHLLfIQ8gulcTkCeAxaiUK670Cidl7mvxfkSTFN6ILK/jV8
    LhSFpBclW7aflYTC3yA+CMAQ4A2SUq++D+JvhEpm30ZEZJnT0MziIPU03bd4HZl/
    5yJTVH5qR2UtsNkbekpoCzkJCGxiylEYAFhhs9AXKHgpyKffSumo1hphKFLLxhcU
    b6jsiRkdS2mJQ4RLg55P/CMgJvtc6vaM4l0PuaSdRBAR/FCxSL1pw0MGmhquDorJ
    0N2kUaT9mleZwbFtmq4CHjUbdogkTZEn65euRCk2rz0dUIBZcxjXwvIlzKdfB4jg
    d7CUqzt4xH+ldwu60o6lBhG5zxwTLbJUT+wvEpTSIlpa2JL+2gwZlROeP7peCT6Q
    3Hi2zplRBb54hMXoSuwtInTrSjuzLuy8FtgWHt/OwJVfvJqyJ9HlK4VnIDGTAe73
    4KRMe9jrz0tRRp+kX3YBFKgx8VV+hAPrwl8wKf4vTvKaGfMMejpBED1/h5vsqaoX
    Sr04MfUCk3hG4JmessA1euvmq5q5Kh7wv4GWQ5H63Bc8AuYhym6KmsEH+aMu9msV
    XUDBuDKGyUVDeJp7t0V76Y4WxcWQOPtjwPO9mxFHBnIF37i6YbG6O81tYNPDhHBX
    44JMhGFRiCV7S/iH6CbF6HirImgBlnE3723fk7zM++9zntOMno==
    -----END RSA PRIVATE KEY-----
  EOT
}
