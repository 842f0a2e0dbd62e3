import type { CatalogEntry } from '../catalog-entry';
import { openai } from './definition';

export const entry: CatalogEntry = { definition: openai };
