import type { Rep } from '../core/routing/rep.js';

export interface RepDirectory {
  list(siteKey: string): Promise<Rep[]>;
  get(siteKey: string, repId: string): Promise<Rep | null>;
  put(siteKey: string, rep: Rep): Promise<void>;
  putIfAbsent(siteKey: string, rep: Rep): Promise<boolean>;
}
