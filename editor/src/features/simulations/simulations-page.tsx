export function SimulationsPage() {
  return (
    <div class="page">
      <h1 tabIndex={-1}>Simulations</h1>
    </div>
  );
}
