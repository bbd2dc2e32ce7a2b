/** A mistake in what the user gave (files, flags, environment): the shells show its message alone. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
