import type { CatalogEntry } from '../catalog-entry';
import { prynt } from './definition';
import { checkPrynt } from './rules';
import { pryntSample } from './samples';

export const entry: CatalogEntry = { definition: prynt, sample: pryntSample, rules: checkPrynt };
