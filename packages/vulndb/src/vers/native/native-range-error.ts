/** Thrown when an ecosystem's own range syntax cannot be read (or has no vers equivalent); says which part. */
export class NativeRangeError extends Error {
  constructor(
    readonly type: string,
    readonly native: string,
    readonly reason: string,
  ) {
    super(`cannot read the ${type} range "${native}": ${reason}`);
    this.name = 'NativeRangeError';
  }
}
