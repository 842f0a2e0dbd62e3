import type { CatalogEntry } from '../catalog-entry';
import { elevenlabs } from './definition';

export const entry: CatalogEntry = { definition: elevenlabs };
