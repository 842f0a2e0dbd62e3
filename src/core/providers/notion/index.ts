import type { CatalogEntry } from '../catalog-entry';
import { notion } from './definition';

export const entry: CatalogEntry = { definition: notion };
