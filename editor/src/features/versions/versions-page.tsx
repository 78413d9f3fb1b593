export function VersionsPage() {
  return (
    <div class="page">
      <h1 tabIndex={-1}>Versions</h1>
    </div>
  );
}
