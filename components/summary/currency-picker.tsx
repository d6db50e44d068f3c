import { UNKNOWN_CURRENCY } from '../../lib/attribution/credit';

export interface CurrencyPickerProps {
  currencies: readonly string[];
  selected: string;
  onSelect: (currency: string) => void;
}

/**
 * Segmented buttons, one per currency: amounts in different currencies are shown one currency at a time
 * and never added. Arrow keys move between the buttons as in the Lightning button group.
 */
export function CurrencyPicker({ currencies, selected, onSelect }: CurrencyPickerProps) {
  const move = (event: KeyboardEvent, index: number) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = currencies[(index + step + currencies.length) % currencies.length]!;
    onSelect(next);
    const group = (event.currentTarget as HTMLElement).parentElement;
    group?.querySelector<HTMLButtonElement>(`[data-currency="${next}"]`)?.focus();
  };
  return (
    <div class="pl-segmented" role="group" aria-label="Currency">
      {currencies.map((currency, index) => (
        <button
          key={currency}
          type="button"
          data-currency={currency}
          class="pl-segment"
          aria-pressed={currency === selected}
          onClick={() => onSelect(currency)}
          onKeyDown={(event) => move(event, index)}
        >
          {currency === UNKNOWN_CURRENCY ? 'Unknown' : currency}
        </button>
      ))}
    </div>
  );
}
