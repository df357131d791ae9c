/**
 * Every lockfile extractor, one per format. Order matters only where two could claim a file name;
 * none do today.
 */
import type { Extractor } from '../model.js';
import { extractor as apk } from './apk/extract.js';
import { extractor as bun } from './bun/extract.js';
import { extractor as bundler } from './bundler/extract.js';
import { extractor as cargo } from './cargo/extract.js';
import { extractor as composer } from './composer/extract.js';
import { extractor as conan } from './conan/extract.js';
import { extractor as dpkg } from './dpkg/extract.js';
import { extractor as go } from './go/extract.js';
import {
  lockExtractor as gradleLock,
  verificationExtractor as gradleVerification,
} from './gradle/extract.js';
import { extractor as maven } from './maven/extract.js';
import { extractor as mix } from './mix/extract.js';
import { extractor as npm } from './npm/extract.js';
import { extractor as nuget } from './nuget/extract.js';
import { extractor as pdm } from './pdm/extract.js';
import { extractor as pip } from './pip/extract.js';
import { extractor as pipenv } from './pipenv/extract.js';
import { extractor as pnpm } from './pnpm/extract.js';
import { extractor as poetry } from './poetry/extract.js';
import { extractor as pub } from './pub/extract.js';
import { extractor as renv } from './renv/extract.js';
import { extractor as uv } from './uv/extract.js';
import { extractor as yarn } from './yarn/extract.js';

export const EXTRACTORS: readonly Extractor[] = [
  npm,
  yarn,
  pnpm,
  bun,
  pip,
  poetry,
  pipenv,
  uv,
  pdm,
  go,
  cargo,
  bundler,
  composer,
  maven,
  gradleLock,
  gradleVerification,
  nuget,
  pub,
  mix,
  conan,
  renv,
  apk,
  dpkg,
];
