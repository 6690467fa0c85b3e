/** A failed send; `retryable` is false when trying again cannot help (4xx other than 408/429, bad config). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
