export function TestBenchPage() {
  return (
    <div class="page">
      <h1 tabIndex={-1}>Test bench</h1>
    </div>
  );
}
