import type { CatalogEntry } from '../catalog-entry';
import { replicate } from './definition';

export const entry: CatalogEntry = { definition: replicate };
