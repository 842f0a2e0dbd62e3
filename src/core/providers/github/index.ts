import type { CatalogEntry } from '../catalog-entry';
import { github } from './definition';

export const entry: CatalogEntry = { definition: github };
