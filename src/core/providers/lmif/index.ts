import type { CatalogEntry } from '../catalog-entry';
import { lmif } from './definition';
import { checkLmif } from './rules';
import { lmifSample } from './samples';

export const entry: CatalogEntry = { definition: lmif, sample: lmifSample, rules: checkLmif };
