import type { CatalogEntry } from '../catalog-entry';
import { asana } from './definition';

export const entry: CatalogEntry = { definition: asana };
