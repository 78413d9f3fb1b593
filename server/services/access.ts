// Who may call: admin, analyst and channel tokens. Secrets are random 256-bit strings, so a fast
// SHA-256 of them is as good as a slow password hash; only the hash is ever stored.
import { createHash, randomBytes } from 'node:crypto';
import type { Clock, IdSource } from '../domain/ports.ts';
import { conflict } from '../domain/errors.ts';
import type { Db } from '../store/client.ts';
import * as repo from '../store/access-repo.ts';
import type { Channel, Role, TokenRecord } from '../store/access-repo.ts';

export type Principal = TokenRecord;

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');
const newSecret = (role: Role): string => `cv_${role}_${randomBytes(24).toString('base64url')}`;

export class Access {
  private cache = new Map<string, { at: number; principal: Principal | null }>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  /** The principal a bearer secret belongs to, or null. Cached briefly: auth runs on every request. */
  async authenticate(secret: string): Promise<Principal | null> {
    const hash = hashSecret(secret);
    const hit = this.cache.get(hash);
    if (hit && Date.now() - hit.at < 10_000) return hit.principal;
    const principal = (await this.db.read((sql) => repo.findTokenByHash(sql, hash))) ?? null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { at: Date.now(), principal });
    return principal;
  }

  /** Issues a token; the secret is returned once and never stored. */
  async createToken(opts: {
    role: Role;
    name: string;
    channelId?: string;
    secret?: string;
  }): Promise<{ token: string; record: TokenRecord }> {
    const token = opts.secret ?? newSecret(opts.role);
    const record: TokenRecord = {
      id: this.ids.next('tok'),
      name: opts.name,
      role: opts.role,
      channelId: opts.channelId,
      createdAt: this.clock.now().toISOString(),
    };
    await this.db.write((sql) => repo.insertToken(sql, record, hashSecret(token)));
    this.cache.delete(hashSecret(token));
    return { token, record };
  }

  /** Creates a channel and its API key (shown once). */
  async createChannel(c: Omit<Channel, 'createdAt'>, secret?: string): Promise<{ channel: Channel; apiKey: string }> {
    const channel = { ...c, createdAt: this.clock.now().toISOString() };
    const apiKey = secret ?? newSecret('channel');
    const record: TokenRecord = {
      id: this.ids.next('tok'),
      name: `${c.id} API key`,
      role: 'channel',
      channelId: c.id,
      createdAt: channel.createdAt,
    };
    await this.db.write(async (sql) => {
      if (await repo.getChannel(sql, c.id)) throw conflict(`channel ${c.id} already exists`);
      await repo.insertChannel(sql, channel);
      await repo.insertToken(sql, record, hashSecret(apiKey));
    });
    return { channel, apiKey };
  }

  async revokeToken(id: string): Promise<boolean> {
    const done = await this.db.write((sql) => repo.revokeToken(sql, id, this.clock.now().toISOString()));
    this.cache.clear();
    return done;
  }

  listTokens = (): Promise<TokenRecord[]> => this.db.read((sql) => repo.listTokens(sql));
  listChannels = (): Promise<Channel[]> => this.db.read((sql) => repo.listChannels(sql));
  getChannel = (id: string): Promise<Channel | undefined> => this.db.read((sql) => repo.getChannel(sql, id));

  /**
   * Makes sure an admin can sign in: the configured secret is registered, or, on a database with
   * no admin at all, a new one is generated and returned so the caller prints it once.
   */
  async bootstrapAdmin(configured: string | undefined): Promise<string | undefined> {
    if (configured) {
      if (!(await this.authenticate(configured))) await this.createToken({ role: 'admin', name: 'bootstrap admin', secret: configured });
      return undefined;
    }
    const admins = await this.db.read((sql) => repo.countTokens(sql, 'admin'));
    if (admins > 0) return undefined;
    return (await this.createToken({ role: 'admin', name: 'bootstrap admin' })).token;
  }
}
