import type { CatalogEntry } from '../catalog-entry';
import { fingerprintiq } from './definition';
import { checkFingerprintiq } from './rules';
import { fingerprintiqSample } from './samples';

export const entry: CatalogEntry = {
  definition: fingerprintiq,
  sample: fingerprintiqSample,
  rules: checkFingerprintiq,
};
