export function PoliciesPage() {
  return (
    <div class="page">
      <h1 tabIndex={-1}>Policies</h1>
    </div>
  );
}
