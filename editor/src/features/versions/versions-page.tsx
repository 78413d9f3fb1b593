// Versions: every published policy version with its pinned macros, which one is live, a line
// diff between any two (or the draft), publish the draft and roll back (admin).
import { useEffect } from 'preact/hooks';
import type { PolicyVersionSummary } from '../../api/types.ts';
import { Badge } from '../../components/badges.tsx';
import { dateTime } from '../../components/format.ts';
import { ErrorNotice, Loading, Unavailable, missingRoute } from '../../components/notices.tsx';
import { isAdmin } from '../../session.ts';
import { VersionDiff } from './version-diff.tsx';
import { actionDone, actionError, busy, list, listError, loadVersions, publishDraft, rollbackTo } from './versions-store.ts';

export function VersionsPage() {
  useEffect(() => {
    void loadVersions();
  }, []);

  if (missingRoute(listError.value)) {
    return (
      <div class="page">
        <h1 tabIndex={-1}>Versions</h1>
        <Unavailable feature="Policy versions" route="GET /v1/policies/versions" />
      </div>
    );
  }
  const l = list.value;
  return (
    <div class="page versions">
      <div class="page-head">
        <h1 tabIndex={-1}>Versions</h1>
        <div class="toolbar">
          <button type="button" class="primary" disabled={busy.value} onClick={() => void publishDraft()}>
            Publish the draft
          </button>
          {!isAdmin.value ? <span class="muted">Publishing and rollback need an admin token.</span> : null}
        </div>
      </div>
      {actionDone.value ? (
        <div class="notice ok" role="status">
          {actionDone.value}
        </div>
      ) : null}
      <ErrorNotice error={actionError.value} title={actionError.value?.status === 403 ? 'Not allowed' : 'The server refused'} />
      <ErrorNotice error={listError.value} title="Could not list versions" />
      {!l && !listError.value ? <Loading what="versions" /> : null}
      {l ? (
        <table class="grid-table versions-table">
          <caption class="sr-only">Published policy versions, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Published</th>
              <th scope="col">By</th>
              <th scope="col">Macros</th>
              <th scope="col">Note</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {l.versions.length === 0 ? (
              <tr>
                <td colSpan={6} class="muted">
                  Nothing published yet: orders route without a policy.
                </td>
              </tr>
            ) : null}
            {l.versions.map((v) => (
              <VersionRow key={v.version} v={v} live={v.live ?? l.live === v.version} />
            ))}
          </tbody>
        </table>
      ) : null}
      {l ? <VersionDiff /> : null}
    </div>
  );
}

function VersionRow({ v, live }: { v: PolicyVersionSummary; live: boolean }) {
  return (
    <tr data-version={v.version}>
      <th scope="row">
        {v.version} {live ? <Badge tone="ok">live</Badge> : null}
      </th>
      <td>{dateTime(v.publishedAt)}</td>
      <td>{v.publishedBy}</td>
      <td>
        {Object.entries(v.macros)
          .map(([n, ver]) => `${n} v${ver}`)
          .join(', ') || '–'}
      </td>
      <td>{v.note ?? ''}</td>
      <td class="num">
        {live ? null : (
          <button
            type="button"
            disabled={busy.value}
            onClick={() => window.confirm(`Make version ${v.version} live again?`) && void rollbackTo(v.version)}
          >
            Roll back to {v.version}
          </button>
        )}
      </td>
    </tr>
  );
}
