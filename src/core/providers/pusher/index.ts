import type { CatalogEntry } from '../catalog-entry';
import { pusher } from './definition';

export const entry: CatalogEntry = { definition: pusher };
