/** A labelled progress bar: the native <progress> element, so assistive technology reads it as progress. */
export function ProgressMeter({ value, max, label }: { value: number; max: number; label: string }) {
  return (
    <div className="meter">
      <progress value={value} max={Math.max(max, 1)} aria-label={label} />
      <span className="meter-text">{label}</span>
    </div>
  );
}
