/**
 * AWS list prices, us-east-1, on-demand (checked November 2026). Units are priced per request here;
 * items over 1 KB (4 KB for reads) cost more units, so the DynamoDB figure is a lower bound.
 */
export const PRICES = {
  lambdaPerMillionRequests: 0.2,
  lambdaPerGbSecondArm: 0.0000133334,
  httpApiPerMillionRequests: 1.0,
  dynamoDbPerMillionWriteUnits: 0.625,
  dynamoDbPerMillionReadUnits: 0.125,
  eventBridgePerMillionEvents: 1.0,
  sesPerThousandEmails: 0.1,
};

export const LAMBDA_MEMORY_GB = 1;

type Calls = Record<string, { reads: number; writes: number }>;

/**
 * One conversation as the product sees it: two page views, a start, a plain turn, the answer that
 * routes, a slot listing and (for the booked share) a booking with its invitation mail.
 */
export function costPer1000Conversations(calls: Calls, meanRequestMs: number, bookingShare = 0.04) {
  const requests = {
    page_view: 2,
    start: 1,
    chat_turn: 1,
    answer_and_route: 1,
    list_slots: 1,
    booking: bookingShare,
  } as Record<string, number>;
  let reads = 0;
  let writes = 0;
  let invocations = 0;
  for (const [name, count] of Object.entries(requests)) {
    reads += (calls[name]?.reads ?? 0) * count;
    writes += (calls[name]?.writes ?? 0) * count;
    invocations += count;
  }
  const perConversation =
    (invocations * (PRICES.lambdaPerMillionRequests + PRICES.httpApiPerMillionRequests)) / 1e6 +
    invocations * (meanRequestMs / 1000) * LAMBDA_MEMORY_GB * PRICES.lambdaPerGbSecondArm +
    (writes * PRICES.dynamoDbPerMillionWriteUnits) / 1e6 +
    (reads * PRICES.dynamoDbPerMillionReadUnits) / 1e6 +
    (bookingShare * PRICES.sesPerThousandEmails) / 1000;
  return {
    usd_per_1000_conversations: Math.round(perConversation * 1000 * 10000) / 10000,
    invocations_per_conversation: invocations,
    dynamodb_reads: reads,
    dynamodb_writes: writes,
    mean_request_ms: meanRequestMs,
  };
}
