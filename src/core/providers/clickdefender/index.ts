import type { CatalogEntry } from '../catalog-entry';
import { clickdefender } from './definition';
import { checkClickdefender } from './rules';
import { clickdefenderSample } from './samples';

export const entry: CatalogEntry = {
  definition: clickdefender,
  sample: clickdefenderSample,
  rules: checkClickdefender,
};
