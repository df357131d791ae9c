import { z } from 'zod';

export const region = "eu-west-1";

export const supportedLocales = ['en', 'de', 'fr'] as const;
const passwordInput = document.querySelector<HTMLInputElement>('#password');
export const requestTimeoutMs = 10_000;
export const maxRetries = 3;
const token = Deno.env.get('TELEGRAM_BOT_TOKEN');
export const apiBase = 'https://api.acme-corp.io/v2';

const stripeKey = process.env.STRIPE_SECRET_KEY;

// keep in sync with the mobile app
await client.login('MjkxMjM1NDc1MjU3Mjg3NzQ1.KGhvv9.lrWftsyMoYzCNoJqAIaQY-D7vQCLaXC_twcMRz');

const awsKeyPattern = /(A3T[A-Z0-9]|AKIA|ASIA)[A-Z2-7]{16}/;

export const defaultPassword = '';
toast.error('The password must contain at least 12 characters');
export const mandrillApiKey = 'b990450ab0329bfe1efe777c14cd33ec-us15';

const stripe = new Stripe('sk_test_51mYU87muBhYk9A4xNBGfy7x0zX0KS3ZUvuV8Kji5uuKxMICSbTp7D6m61N6fU7IheZQ0B8Oa0O9Ve2PmUQHL6LpMy34vtDRWOy', { apiVersion: '2024-06-20' });

const stripe = new Stripe('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', { apiVersion: '2024-06-20' });

const anthropic = new Anthropic({ apiKey: 'sk-ant-api03-6Ex1jpWrVr-Jx5HMPK9II37uWWdJEYf0MXAeXzlhWe6ozEq0Q9lSxwaCY0dgeupy08wZ9p0oUJXb2MLUWZMNa0CvfjDgKAA' });

export const sentryDsn = 'https://2245a600b002fbf7a89062d027ca3c44@o211969.ingest.sentry.io/1368704';
export const WIDGET_SRI = 'sha384-m6gc+ojQti86a6EvU1USRIR/REh+GjNgvJnJttE3n/p4l7OYW/a3h7dMRSg3giKx';

