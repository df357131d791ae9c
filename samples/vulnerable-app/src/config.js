// Deliberately vulnerable sample: every value below is fake, generated for Rampart's demo.
export const config = {
  region: 'eu-west-1',
  accessKeyId: 'AKIAHBRPOIG8F1CBFNO6',
  aws_secret_access_key: 'dz1C5Jau2RJtBRnlWmTSHf6pWkLUyifDLkDmWJ6U',
  // Placeholders like these are not reported:
  apiKey: process.env.API_KEY,
  token: '<your-token-here>',
};
