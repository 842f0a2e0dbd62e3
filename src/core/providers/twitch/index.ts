import type { CatalogEntry } from '../catalog-entry';
import { twitch } from './definition';

export const entry: CatalogEntry = { definition: twitch };
