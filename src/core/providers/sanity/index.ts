import type { CatalogEntry } from '../catalog-entry';
import { sanity } from './definition';

export const entry: CatalogEntry = { definition: sanity };
