import type { CatalogEntry } from '../catalog-entry';
import { square } from './definition';

export const entry: CatalogEntry = { definition: square };
