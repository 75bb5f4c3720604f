// A platform client as the API answers it (mock-api/platformClients.ts): never its key, which the
// creation answer alone carries (PlatformClientWithKey), and never the key's hash.
import type { IsoDateTime } from './model';

export interface PlatformClientRecord {
  id: string;
  name: string;
  /** the key's first characters, to tell keys apart on screen */
  keyPrefix: string;
  createdAt: IsoDateTime;
  createdBy: string;
  revokedAt: IsoDateTime | null;
  revokedBy: string | null;
}

export interface PlatformClientWithKey extends PlatformClientRecord {
  /** `rdk_…`: shown once, when the client is created */
  key: string;
}

export const PLATFORM_CLIENT_NAME_MAX = 100;
