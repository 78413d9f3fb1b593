// The Hono environment shared by every route module.
import type { Principal } from '../services/access.ts';

export interface AppEnv {
  Variables: {
    principal: Principal | null;
    requestId: string;
  };
}
