import type { CatalogEntry } from '../catalog-entry';
import { lrdefender } from './definition';
import { checkLrdefender } from './rules';
import { lrdefenderSample } from './samples';

export const entry: CatalogEntry = { definition: lrdefender, sample: lrdefenderSample, rules: checkLrdefender };
