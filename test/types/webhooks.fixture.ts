// Type tests of FlowCompletionEvent<F>: `response` typed by a flow's generated completion. The
// line under each `// @ts-expect-error TSxxxx` must fail with that code (types.test.ts).
import type { CompletionWebhookHandler, FlowCompletionEvent } from '../../src/webhooks/index.js';
import type { BookingFlow } from './booking.types.js';
import type { FeedbackFormFlow } from './feedback-form.types.js';

/** A webhook handler sees every flow's completions; it narrows one to its flow where it knows which. */
export function feedback(event: FlowCompletionEvent): string {
  const completion = event as FlowCompletionEvent<FeedbackFormFlow>;
  const { flow_token: token, delivery_rating: rating } = completion.response;
  // @ts-expect-error TS2551 a misspelt field of the completion payload
  void completion.response.delivery_ratin;
  // @ts-expect-error TS2322 how_to_do_better is a string
  const better: number = completion.response.how_to_do_better;
  return `${token} ${rating} ${better}`;
}

/** The booking flow completes through its endpoint: what complete(params) sends is not in the flow. */
export function booking(event: FlowCompletionEvent<BookingFlow>): string {
  const token: string = event.response.flow_token;
  // @ts-expect-error TS2322 the endpoint's params are unknown until checked
  const id: string = event.response.booking_id;
  return `${token} ${id}`;
}

/** Untyped events stay as they were: a record of unknown values. */
export function untyped(event: FlowCompletionEvent): unknown {
  return event.response['anything'];
}

/** waitForCompletion takes the flow's types too: the sender knows which flow its token belongs to. */
export async function waitForFeedback(handler: CompletionWebhookHandler, flowToken: string): Promise<string> {
  const done = await handler.waitForCompletion<FeedbackFormFlow>({ flowToken, timeout: 60_000 });
  const rating: string = done.response.delivery_rating;
  // @ts-expect-error TS2551 a misspelt field of the completion payload
  void done.response.delivery_ratin;
  const untyped = await handler.waitForCompletion({ flowToken, timeout: 60_000 });
  return `${rating} ${String(untyped.response['anything'])}`;
}
