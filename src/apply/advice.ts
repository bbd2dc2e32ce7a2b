/**
 * What an event failure means for the admin: whether apply retries it on its own, and what to do
 * when it does not. Apple documents the numbers in handling-error-responses (apple-v2-api.md §4).
 */
import { plural } from '../shared/plural.js';

/** Failures inside events that Apple tells clients to retry later; apply resends only those pairs. */
const TRANSIENT = new Set([9603, 9644, 9646, 9729]);

export function isTransientFailure(errorNumber: number): boolean {
  return TRANSIENT.has(errorNumber);
}

const ADVICE: Record<number, string> = {
  9603: "Apple's service failed internally; run apply again later.",
  9609: 'The user is not registered at this location: declare it under `users` (or check the clientUserId) and apply again.',
  9616: 'Already assigned; nothing to do.',
  9635: "Apple could not link the user's Apple Account; ask the user to accept the invitation again.",
  9641: 'That Apple Account is already linked to another user of this location; retire one of the two users.',
  9644: 'Apple is in maintenance; run apply again later.',
  9646: 'Apple throttled the organization; run apply again later.',
  9700: 'The batch exceeded a limit Apple changed since the plan was made; run plan and apply again.',
  9701: 'The batch exceeded a limit Apple changed since the plan was made; run plan and apply again.',
  9702: 'The batch exceeded a limit Apple changed since the plan was made; run plan and apply again.',
  9706: 'The asset is not revocable: its licenses cannot be taken back; remove the removal from the file (keep the holder).',
  9707: 'The asset cannot be assigned to devices: assign it to users instead.',
  9708: 'Apple no longer knows the event; run plan to see what is left.',
  9714: 'Too many users in one request for the current limits; run plan and apply again.',
  9716: 'A user with that clientUserId already exists; run plan again (it will update instead of create).',
  9717: "The user's email address is invalid; fix it in the file.",
  9729: "Apple's service was unavailable; run apply again later.",
  9814: 'The user is not registered at this location: declare it under `users` and apply again.',
  9815: 'The user does not hold that subscription; run plan again.',
  9816: 'The subscription has no seats left: buy more seats or remove holders.',
  9817: 'The user holds the subscription through a group membership; change the group instead.',
};

/**
 * Advice for one failure. `count` is how many pairs of the same asset failed with it, so a
 * shortfall of licenses says how many to buy.
 */
export function adviceFor(errorNumber: number, count = 1): string {
  if (errorNumber === 9709) {
    return `Not enough licenses: buy ${plural(count, 'more license', 'more licenses')} or remove holders, then apply again.`;
  }
  return ADVICE[errorNumber] ?? `Apple refused it (error ${errorNumber}); run plan to see what is left, and check the message.`;
}
