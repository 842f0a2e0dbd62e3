/** What a sample is built for, beyond its seed: the event's moment and the webhook subscription it goes to. */
export interface SampleContext {
  /** The event's moment (epoch ms): every time field of the payload is this instant or derived from it. */
  nowMs: number;
  /** The subscription id (`webhookId`, `meta.webhookId`) of the webhook the event is sent to, when the provider's payload names one. */
  webhookId: string;
}
