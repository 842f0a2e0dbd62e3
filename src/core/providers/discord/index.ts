import type { CatalogEntry } from '../catalog-entry';
import { discord } from './definition';

export const entry: CatalogEntry = { definition: discord };
