/**
 * Seals credentials before they are stored (reps' calendar OAuth tokens): what the table holds is useless
 * without the key. `context` binds a sealed value to where it belongs (a connection id), so a value copied
 * to another item does not open there.
 */
export interface TokenCipher {
  seal(plaintext: string, context: string): Promise<string>;
  open(sealed: string, context: string): Promise<string>;
}
