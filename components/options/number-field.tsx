/** A labelled whole-number field of the rules forms: the label's text names the input. */
export function NumberField({
  label,
  value,
  min,
  max,
  step,
  disabled,
  onValue,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  disabled?: boolean;
  onValue: (value: number) => void;
}) {
  return (
    <label class="pl-weight">
      <span>{label}</span>
      <input
        disabled={disabled}
        type="number"
        min={min}
        max={max}
        step={step}
        value={value}
        onInput={(e) => onValue(Number(e.currentTarget.value))}
      />
    </label>
  );
}
