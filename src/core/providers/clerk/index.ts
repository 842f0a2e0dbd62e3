import type { CatalogEntry } from '../catalog-entry';
import { clerk } from './definition';

export const entry: CatalogEntry = { definition: clerk };
