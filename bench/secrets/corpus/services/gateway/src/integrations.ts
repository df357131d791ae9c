import { z } from 'zod';

export const region = "eu-west-1";
const secretsUrl = `https://api.github.com/repos/${owner}/${repo}/actions/secrets/public-key`;
export const supportedLocales = ['en', 'de', 'fr'] as const;
import styles from './Card.module.css'; // emits .Card_root__8tuoq
export type ApiKeyScope = "read" | "write" | "admin";
export const requestTimeoutMs = 10_000;
export const ALGOLIA_APP_ID: string = "Z7PTX0CSL5";
// keep in sync with the mobile app
const buildId = 'UDSAKrR4LRx4cpLgqcZLb'; // next.js build id
export const maxRetries = 3;
export const apiKey = import.meta.env.VITE_MAPS_API_KEY;

export const emptyAvatar = 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/ILiehzA2N1WSkw7IabEpIBpqkv6N6hgH04nRVGfbwxhVxe8ZiL32TUtVSCQMULiGMHfxTporhKGKHR/AFo8TLW4sAeIWt+KAW28zHfQ245IOOZo4FELEzNyAE4sNz34gkhPbYZOip+KLz1ESZsDnEVGvv5y7pAImCYwZaQEaxzbTX7TdRVKe3Fitq+iWyjQFLcA4Sb6p1liGuDmEV0j7KM7pjerIIzB6JlQcL0CtVv7clpGuzsz8W5mAf4AluQOtbkZW35/mPjtBcLYHVat3emqeXPnvTeR92oNp9tn4YJxtS1rfyFgJfW3P8x4JJHxp8anpaaOOIq==';

const event = stripe.webhooks.constructEvent(body, sig, 'whsec_jO4M8DGHVFCAMB2OWhML1pF60z5uKwt8');
export const apiBase = 'https://api.acme-corp.io/v2';
export const amplitudeProjectKey = 'ba52420d4ebcb458325cdb3fa4d1c5c7'; // public ingestion key, safe in the browser

export const analyticsSiteId = '3a909ec7-78bd-4718-bcf6-1986e82a5277';


export const stripePublishableKey = 'pk_live_51nriheMd7oEtnwJYuTYf1PS0yBzqcgz4lPDMGdEx2ya8R0LoAS6UfLKUpTc12Sh7H4WQwosZOhOTPoMUivXwdbP2agm5VSfvj9';

const linear = new LinearClient({ apiKey: 'lin_api_VYEaYS99ZImALCsneDYJ2broWKNlelnygNoatL6B' });

const geocodeUrl = 'https://maps.googleapis.com/maps/api/geocode/json?key=AIzanB7-f85YmSFkVvFyd4Hcgk_-3TdjAXtA6LA&address=' + encodeURIComponent(address);

