import type { CatalogEntry } from '../catalog-entry';
import { zoom } from './definition';

export const entry: CatalogEntry = { definition: zoom };
