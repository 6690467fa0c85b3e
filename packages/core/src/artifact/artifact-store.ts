/** Where original reports are kept, content-addressed, so a test can be re-parsed later. */
export interface ArtifactStore {
  /** Stores the bytes (idempotent) and returns their key: 'sha256:<hex>'. */
  put(bytes: Buffer): Promise<string>;
  /** Stores a file's content, read as a stream (a spooled upload), and returns its key. */
  putFile(path: string): Promise<string>;
  /** The bytes stored under a key as a stream of chunks; throws NOT_FOUND when absent. */
  open(key: string): AsyncIterable<Buffer>;
  /** Size in bytes of what is stored under a key; throws NOT_FOUND when absent. */
  size(key: string): Promise<number>;
  /** The bytes stored under a key; throws when absent. */
  get(key: string): Promise<Buffer>;
  has(key: string): Promise<boolean>;
  /** Every stored key and when it was stored (for the clean-up job). */
  list(): AsyncIterable<{ key: string; storedAt: Date }>;
  /** Removes the bytes under a key (no error when already absent). */
  delete(key: string): Promise<void>;
}
