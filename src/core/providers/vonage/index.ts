import type { CatalogEntry } from '../catalog-entry';
import { vonage } from './definition';

export const entry: CatalogEntry = { definition: vonage };
