import type { SecretRule } from '../secret-rule.js';

/**
 * API keys of AI model providers. A leaked key is spent within hours (model abuse is resold), and most
 * of them also read the organisation's uploaded files, fine-tunes and conversation logs.
 */
export const AI_PROVIDER_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/openai-api-key',
    title: 'OpenAI API key',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'An OpenAI project key (sk-proj-), service-account key (sk-svcacct-) or legacy user key (sk-...T3BlbkFJ...). ' +
      'It runs models on your bill and reads the files, assistants and batches of its project.',
    help: {
      bad: "client = OpenAI(api_key='sk-proj-C68BiZIFzKoa7oJhR3I8FBSu31llC84D_McySyF4luWqdZRKctDtOWf-ACWC8O3zUrWHoSDYCr4ifjHraJFbbo0e3TjqZqv1T3BlbkFJbiHhJXuDbBW-HsTyuWcOSXUhcgh-Yvt8RZgHwxom')", // rampart-ignore: secrets/* synthetic documentation example
      good: "client = OpenAI(api_key=os.environ['OPENAI_API_KEY'])",
      fix: 'Delete the key on the API keys page of the project, create a new one and load it from the environment or a secret store.',
    },
    references: [
      'https://platform.openai.com/docs/api-reference/authentication',
      'https://help.openai.com/en/articles/5112595-best-practices-for-api-key-safety',
    ],
    keywords: ['sk-proj-', 'sk-svcacct-', 't3blbkfj'],
    pattern:
      /(?<![A-Za-z0-9_-])(?<secret>sk-(?:proj|svcacct)-[A-Za-z0-9_-]{40,250}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})(?![A-Za-z0-9_-])/,
  },
  {
    id: 'secrets/openai-admin-key',
    title: 'OpenAI admin key',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'An OpenAI organisation admin key (sk-admin-). It manages members, projects, API keys and rate limits of ' +
      'the whole organisation: an attacker can mint keys of their own and lock you out.',
    help: {
      bad: 'OPENAI_ADMIN_KEY=sk-admin-FpUAk5zQ0c8ZyP5dB2YtQpzI5q8k1AyDfPuoBuN0-qcz7-P9T3BlbkFJpNhIB1jLzXtSDmuU6fwq6YREQBaseo3PMZ7FmmeRkK5r9mPE', // rampart-ignore: secrets/* synthetic documentation example
      good: 'OPENAI_ADMIN_KEY=${OPENAI_ADMIN_KEY}',
      fix: 'Delete the admin key in the organisation settings at once, review the audit log for new keys and members, and keep admin keys out of code.',
    },
    references: [
      'https://platform.openai.com/docs/api-reference/administration',
      'https://help.openai.com/en/articles/5112595-best-practices-for-api-key-safety',
    ],
    keywords: ['sk-admin-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-admin-[A-Za-z0-9_-]{40,250})(?![A-Za-z0-9_-])/,
  },
  {
    id: 'secrets/anthropic-api-key',
    title: 'Anthropic API key',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'An Anthropic Claude API key (sk-ant-api03-). It runs models on your bill and reads the files and batches ' +
      'of its workspace.',
    help: {
      bad: "const anthropic = new Anthropic({ apiKey: 'sk-ant-api03-yK6I8MFFJBfSnlTjXA7GnwLuqNxBmJ0NhuzLb6GbuN_0JLRKozQQTcR1iPP_0CnZMHmZbtoXa8TlSvpanVJYvYL9hSIUlAA' });", // rampart-ignore: secrets/* synthetic documentation example
      good: 'const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });',
      fix: 'Delete the key in the Anthropic Console, create a new one and load it from the environment or a secret store.',
    },
    references: [
      'https://docs.anthropic.com/en/api/getting-started',
      'https://support.anthropic.com/en/articles/9767949-api-key-best-practices-keeping-your-keys-safe-and-secure',
    ],
    keywords: ['sk-ant-api'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-ant-api[0-9]{2}-[A-Za-z0-9_-]{80,120})(?![A-Za-z0-9_-])/,
  },
  {
    id: 'secrets/anthropic-admin-key',
    title: 'Anthropic Admin API key',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'An Anthropic Admin API key (sk-ant-admin01-). It manages the members, workspaces and API keys of the ' +
      'organisation: an attacker can invite themselves and create keys of their own.',
    help: {
      bad: 'ANTHROPIC_ADMIN_KEY=sk-ant-admin01-WjAi17LOkh60Wyei_-_QXZZc6D5OMRdVMpo_WcfPg818MiKcqy8PJzOJQRcGW59uOGU5h3Tc1SHd2_m7P9N-hMZuNtzISAA', // rampart-ignore: secrets/* synthetic documentation example
      good: 'ANTHROPIC_ADMIN_KEY=${ANTHROPIC_ADMIN_KEY}',
      fix: 'Delete the admin key in the Console at once, review members and keys created since the leak, and keep admin keys in a secret store.',
    },
    references: ['https://docs.anthropic.com/en/api/administration-api'],
    keywords: ['sk-ant-admin'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-ant-admin[0-9]{2}-[A-Za-z0-9_-]{80,120})(?![A-Za-z0-9_-])/,
  },
  {
    id: 'secrets/huggingface-token',
    title: 'Hugging Face access token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Hugging Face user access token (hf_). It downloads private and gated models and data sets and, with a ' +
      'write role, pushes new revisions: a poisoned model reaches everyone who pulls it.',
    help: {
      bad: "login(token='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')", // rampart-ignore: secrets/* synthetic documentation example
      good: "login(token=os.environ['HF_TOKEN'])",
      fix: 'Invalidate the token in the Hugging Face access token settings, create a fine-grained one and pass it through HF_TOKEN.',
    },
    references: ['https://huggingface.co/docs/hub/security-tokens'],
    keywords: ['hf_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>hf_[A-Za-z0-9]{34})(?![A-Za-z0-9_])/,
    minEntropy: 3.5,
    // Tokens mix upper and lower case; one-case words are identifiers such as hf_hubconfigurationloader.
    allow: [/^hf_[a-z0-9]+$/, /^hf_[A-Z0-9]+$/],
  },
  {
    id: 'secrets/huggingface-org-token',
    title: 'Hugging Face organisation API token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A legacy Hugging Face organisation API token (api_org_). It acts for the whole organisation on the Hub: ' +
      'private models and data sets can be read and overwritten.',
    help: {
      bad: 'HUGGINGFACE_ORG_TOKEN=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', // rampart-ignore: secrets/* synthetic documentation example
      good: 'HUGGINGFACE_ORG_TOKEN=${HUGGINGFACE_ORG_TOKEN}',
      fix: 'Revoke the organisation token in the organisation settings and switch to fine-grained user tokens kept in a secret store.',
    },
    references: ['https://huggingface.co/docs/hub/security-tokens'],
    keywords: ['api_org_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>api_org_[A-Za-z0-9]{34})(?![A-Za-z0-9_])/,
    minEntropy: 3.5,
    allow: [/^api_org_[a-z0-9]+$/, /^api_org_[A-Z0-9]+$/],
  },
  {
    id: 'secrets/replicate-api-token',
    title: 'Replicate API token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Replicate API token (r8_). It runs models and deployments on your bill and reads the predictions and ' +
      'trainings of the account.',
    help: {
      bad: 'REPLICATE_API_TOKEN=r8_aWEnIciWsPUiVh3q568vL48dqIK0MwhbvJLaA', // rampart-ignore: secrets/* synthetic documentation example
      good: 'REPLICATE_API_TOKEN=${REPLICATE_API_TOKEN}',
      fix: 'Disable the token on the Replicate API tokens page, create a new one and load it from the environment.',
    },
    references: ['https://replicate.com/docs/reference/http#authentication'],
    keywords: ['r8_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>r8_[A-Za-z0-9]{37})(?![A-Za-z0-9_])/,
    minEntropy: 3.5,
  },
  {
    id: 'secrets/groq-api-key',
    title: 'Groq API key',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Groq API key (gsk_). It runs models on your account and quota and reads its batches and uploaded files.',
    help: {
      bad: "const groq = new Groq({ apiKey: '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' });", // rampart-ignore: secrets/* synthetic documentation example
      good: 'const groq = new Groq({ apiKey: process.env.GROQ_API_KEY });',
      fix: 'Delete the key in the Groq console, create a new one and load it from the environment or a secret store.',
    },
    references: ['https://console.groq.com/docs/quickstart'],
    keywords: ['gsk_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>gsk_[A-Za-z0-9]{52})(?![A-Za-z0-9_])/,
  },
  {
    id: 'secrets/cohere-api-key',
    title: 'Cohere API key',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'A Cohere API key: 40 random letters and digits assigned to a Cohere name (COHERE_API_KEY, CO_API_KEY) or ' +
      'passed to cohere.Client. It runs models on your bill and reads the data sets and fine-tunes of the account.',
    help: {
      bad: "co = cohere.ClientV2(api_key='AoKD06bZu9rb3WD4KRHyWW3PSXLOrlIbjTnNCHdB')", // rampart-ignore: secrets/* synthetic documentation example
      good: "co = cohere.ClientV2(api_key=os.environ['CO_API_KEY'])",
      fix: 'Delete the key in the Cohere dashboard, create a new one and load it from CO_API_KEY or a secret store.',
    },
    references: ['https://docs.cohere.com/reference/about'],
    keywords: ['cohere', 'co_api_key'],
    pattern:
      /(?:[Cc]ohere|COHERE|(?<![A-Za-z])(?:CO|co)_(?:API|api)_(?:KEY|key))[A-Za-z0-9_.-]{0,24}["']?\s{0,4}(?:[:=]{1,3}>?|\((?:[A-Za-z_]{1,12}\s{0,2}=\s{0,2})?)\s{0,4}["']?(?<secret>[A-Za-z0-9]{40})(?![A-Za-z0-9])/,
    // Above 4 bits per character: hex (git commits, hashes) cannot reach it, random base62 does.
    minEntropy: 4.2,
  },
  {
    id: 'secrets/mistral-api-key',
    title: 'Mistral AI API key',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'A Mistral AI API key: 32 random letters and digits assigned to a Mistral name (MISTRAL_API_KEY) or passed ' +
      'to Mistral(api_key=...). It runs models on your bill and reads the files and fine-tuning jobs of the workspace.',
    help: {
      bad: "client = Mistral(api_key='giI6qdWRMvNCt2t40PCMTPEp4ciCBJNk')", // rampart-ignore: secrets/* synthetic documentation example
      good: "client = Mistral(api_key=os.environ['MISTRAL_API_KEY'])",
      fix: 'Delete the key in the Mistral console, create a new one and load it from the environment or a secret store.',
    },
    references: ['https://docs.mistral.ai/getting-started/quickstart/'],
    keywords: ['mistral'],
    pattern:
      /(?:[Mm]istral|MISTRAL)[A-Za-z0-9_.-]{0,24}["']?\s{0,4}(?:[:=]{1,3}>?|\((?:[A-Za-z_]{1,12}\s{0,2}=\s{0,2})?)\s{0,4}["']?(?<secret>[A-Za-z0-9]{32})(?![A-Za-z0-9])/,
    // Just above hex's ceiling of 4 bits; 32 random base62 characters stay above it 99.9% of the time.
    minEntropy: 4.05,
  },
  {
    id: 'secrets/openrouter-api-key',
    title: 'OpenRouter API key',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'An OpenRouter API key (sk-or-v1-). It spends the credits of the account on any model OpenRouter routes to.',
    help: {
      bad: 'OPENROUTER_API_KEY=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', // rampart-ignore: secrets/* synthetic documentation example
      good: 'OPENROUTER_API_KEY=${OPENROUTER_API_KEY}',
      fix: 'Delete the key on the OpenRouter keys page, create a new one with a credit limit and load it from the environment.',
    },
    references: ['https://openrouter.ai/docs/api-reference/authentication'],
    keywords: ['sk-or-v1-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-or-v1-[0-9a-f]{64})(?![A-Za-z0-9_-])/,
  },
  {
    id: 'secrets/langsmith-api-key',
    title: 'LangSmith API key',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A LangSmith personal access token (lsv2_pt_) or service key (lsv2_sk_). It reads the traces of the ' +
      'workspace, which hold full prompts, model answers and often customer data.',
    help: {
      bad: 'LANGSMITH_API_KEY=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', // rampart-ignore: secrets/* synthetic documentation example
      good: 'LANGSMITH_API_KEY=${LANGSMITH_API_KEY}',
      fix: 'Delete the key in the LangSmith settings, create a new one and load it from the environment or a secret store.',
    },
    references: [
      'https://docs.smith.langchain.com/administration/how_to_guides/organization_management/create_account_api_key',
    ],
    keywords: ['lsv2_pt_', 'lsv2_sk_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>lsv2_(?:pt|sk)_[0-9a-f]{32}_[0-9a-f]{10})(?![A-Za-z0-9_])/,
  },
];
