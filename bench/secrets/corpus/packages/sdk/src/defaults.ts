import { z } from 'zod';

export const region = "eu-west-1";
// keep in sync with the mobile app
const apiKey = process.env.PARTNER_API_KEY ?? 'uZEKNHbUQQA6lUvuRMYmd1RPmmzoe8Ls';
export const apiBase = 'https://api.acme-corp.io/v2';
export const supportedLocales = ['en', 'de', 'fr'] as const;
const adminToken = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI4YzkzNWNkOC05YzE4LTQ5YjItODc0MC1lMGIwMTMwMDBmYWMiLCJlbWFpbCI6Im9tYXJAYWNtZS1jb3JwLmlvIiwicm9sZSI6ImJpbGxpbmciLCJpYXQiOjE3NDEwNzUyMDAsImV4cCI6MTc3MjYxMTIwMH0.POIBEm9fmLYOY-xZzBS0fuUigN7pHlnvcl6HpwQEbuE';
export const maxRetries = 3;

const { data } = await vault.read('secret/data/ci'); const npmToken = data.data.token;
const hashed = '$2b$10$MLmly7DObNTBOL/xCIlRGwkp0Rfx./9xM6tznneobP25i576XxkYw';

const feedUrl = 'https://reader:0WpzaTMwIPLkd1Y2jnoeiqb8N@feeds.acme-corp.io/v1/prices';

export const BUILD_SHA = '84efef122dd110c1abff757a3ac3d4642c0f7aed';
export const requestTimeoutMs = 10_000;

if (!token) throw new Error('missing bearer token');

const client = new Client({ apiKey: '<YOUR_API_KEY>' });
const octokit = new Octokit({ auth: 'ghu_BswxEiZW0O2VP54uK8Sj0MabRIGPH33O9s7h' });
const openai = new OpenAI({ apiKey: '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' });
const app = new App({ token: process.env.SLACK_BOT_TOKEN, appToken: 'xapp-1-AXZ8RNENAEE-7919192533989-f2326f9fea7d7e7f497cb917ab8b8c26ff0141effa62ccfcfd63a8f4513a2d2e', socketMode: true });


export const authScheme = 'Bearer';
