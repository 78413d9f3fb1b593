// The macro library: TypeScript compiled at save time (a version per save), and hook calls
// through the sandbox runner. Versions are immutable, so compiled macros are cached by version.
import { compileMacro, type MacroHook } from '../../sandbox/compile.ts';
import type { MacroCallResult, MacroRunner } from '../../sandbox/runner.ts';
import { conflict, DomainError, invalid, notFound } from '../domain/errors.ts';
import type { Clock } from '../domain/ports.ts';
import type { Db } from '../store/client.ts';
import * as repo from '../store/macro-repo.ts';
import type { MacroVersion } from '../store/macro-repo.ts';

export type { MacroVersion };

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

export interface SavedMacro {
  name: string;
  version: number;
  hooks: MacroHook[];
  diagnostics: [];
}

export class MacroLibrary {
  private readonly pinned = new Map<string, MacroVersion>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    readonly runner: MacroRunner,
  ) {}

  /** Compiles and stores a new version as the draft; a source that does not compile is a 400 with diagnostics. */
  async save(name: string, source: string, by: string): Promise<SavedMacro> {
    if (!NAME.test(name))
      throw invalid('a macro name is lower-case letters, digits and dashes', [
        { path: 'name', message: `"${name}" is not a valid macro name` },
      ]);
    const compiled = compileMacro(source);
    if (!compiled.ok) {
      const details = compiled.diagnostics.map((d) => ({ path: `source:${d.line}:${d.column}`, message: d.message }));
      throw new DomainError('validation_failed', `the macro ${name} does not compile`, details, {
        diagnostics: compiled.diagnostics,
      });
    }
    const createdAt = this.clock.now().toISOString();
    const version = await this.db.write((sql) =>
      repo.insertMacroVersion(sql, { name, source, js: compiled.js, hooks: compiled.hooks, createdAt, createdBy: by }),
    );
    return { name, version, hooks: compiled.hooks, diagnostics: [] };
  }

  async get(name: string): Promise<MacroVersion> {
    const m = await this.db.read((sql) => repo.getDraftMacro(sql, name));
    if (!m) throw notFound('macro', name);
    return m;
  }

  list = (): Promise<MacroVersion[]> => this.db.read((sql) => repo.listDraftMacros(sql));

  async versions(name: string) {
    await this.get(name);
    return this.db.read((sql) => repo.listMacroVersions(sql, name));
  }

  async version(name: string, version: number): Promise<MacroVersion> {
    const m = await this.pinnedVersions({ [name]: version });
    const found = m.get(name);
    if (!found) throw notFound('macro version', `${name}@${version}`);
    return found;
  }

  /** Deletes a macro from the draft; refused while the draft policy runs it. */
  async delete(name: string, usedByDraft: (name: string) => Promise<boolean>): Promise<void> {
    if (await usedByDraft(name)) throw conflict(`the draft policy runs ${name}; remove the rule first`);
    const done = await this.db.write((sql) => repo.deleteMacro(sql, name, this.clock.now().toISOString()));
    if (!done) throw notFound('macro', name);
  }

  /** Exact versions by name, from a cache (versions never change). */
  async pinnedVersions(pins: Record<string, number>): Promise<Map<string, MacroVersion>> {
    const missing = Object.entries(pins).filter(([n, v]) => !this.pinned.has(`${n}@${v}`));
    if (missing.length > 0) {
      const found = await this.db.read((sql) => repo.getMacroVersions(sql, Object.fromEntries(missing)));
      for (const m of found) this.pinned.set(`${m.name}@${m.version}`, m);
    }
    const out = new Map<string, MacroVersion>();
    for (const [n, v] of Object.entries(pins)) {
      const m = this.pinned.get(`${n}@${v}`);
      if (m) out.set(n, m);
    }
    return out;
  }

  /** Runs one hook of one macro version on copied input; never throws for what the macro does. */
  run(macro: MacroVersion, hook: MacroHook, input: unknown, seed: string): Promise<MacroCallResult> {
    return this.runner.run({ macro: { name: macro.name, version: macro.version, js: macro.js }, hook, input, seed });
  }
}
