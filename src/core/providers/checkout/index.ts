import type { CatalogEntry } from '../catalog-entry';
import { checkout } from './definition';
import { checkoutSample } from './samples';

export const entry: CatalogEntry = { definition: checkout, sample: checkoutSample };
