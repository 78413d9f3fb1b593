export function MacrosPage() {
  return (
    <div class="page">
      <h1 tabIndex={-1}>Macros</h1>
    </div>
  );
}
