import type { CatalogEntry } from '../catalog-entry';
import { line } from './definition';

export const entry: CatalogEntry = { definition: line };
