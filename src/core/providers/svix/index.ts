import type { CatalogEntry } from '../catalog-entry';
import { svix } from './definition';

export const entry: CatalogEntry = { definition: svix };
