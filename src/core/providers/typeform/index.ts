import type { CatalogEntry } from '../catalog-entry';
import { typeform } from './definition';

export const entry: CatalogEntry = { definition: typeform };
