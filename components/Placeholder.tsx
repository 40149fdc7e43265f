/** Shown until the first data refresh has produced a snapshot. */
export function Placeholder({ subtitle }: { subtitle?: string }) {
  return (
    <>
      <h1>Regime Lens</h1>
      {subtitle ? <p>{subtitle}</p> : null}
      <p data-testid="placeholder">Data will appear after the first refresh.</p>
    </>
  );
}
