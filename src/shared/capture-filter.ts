import { z } from 'zod';

/**
 * The fields that narrow a list of captures, one definition for every method
 * that takes them (`captures.list`, the filter of `replays.bulk`).
 */
export const captureFilterFields = {
  endpoint: z.string().optional(),
  provider: z.string().optional(),
  eventType: z.string().optional(),
  method: z.string().optional(),
  signatureStatus: z.string().optional(),
};

export type CaptureFilter = z.infer<z.ZodObject<typeof captureFilterFields>>;
