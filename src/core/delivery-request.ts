/**
 * A delivery's request as the sender sends it and the store keeps it: the
 * shapes both src/core/sender and src/core/store use, so neither imports the
 * other's types (sender/types.ts re-exports them).
 */
import type { HeaderPair } from '../shared/capture-types';
import type { ExpectedAnswer } from './providers/handshake';

/** One request, exactly as it goes on the wire. */
export interface PreparedRequest {
  method: string;
  headers: HeaderPair[];
  body: Uint8Array;
  /** The URL to call instead of the webhook's, when signing changed it (Twilio's bodySHA256 query parameter). */
  url?: string;
}

/** An attempt's request with what it was signed with (stored beside the request at the claim). */
export interface SignedRequest extends PreparedRequest {
  /** Unix seconds signed; null when the form signs no timestamp. */
  signedTimestamp?: number | null;
  /** The signature header's value. */
  signature?: string | null;
  /** For a handshake (Zoom's URL validation...): what a right answer is; the sender judges the answer by it. */
  handshake?: ExpectedAnswer;
}
