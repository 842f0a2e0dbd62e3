import type { CatalogEntry } from '../catalog-entry';
import { github } from './definition';
import { checkGithub } from './rules';
import { githubSample } from './samples';

export const entry: CatalogEntry = { definition: github, sample: githubSample, rules: checkGithub };
