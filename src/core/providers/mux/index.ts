import type { CatalogEntry } from '../catalog-entry';
import { mux } from './definition';

export const entry: CatalogEntry = { definition: mux };
