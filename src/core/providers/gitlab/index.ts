import type { CatalogEntry } from '../catalog-entry';
import { gitlab } from './definition';

export const entry: CatalogEntry = { definition: gitlab };
