import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { normalizePartnerName } from '../../lib/attribution/names';
import type { PartnerOption } from '../../lib/messaging/protocol';

interface Props {
  id: string;
  partners: PartnerOption[];
  value: string;
  onChange: (name: string) => void;
}

const MAX_OPTIONS = 8;
/** The list closes a moment after the field loses focus, so a click that moved focus lands where it was aimed. */
const CLOSE_DELAY_MS = 150;

/**
 * The Partner field: a searchable combobox over the active roster (ARIA 1.2 combobox with a listbox
 * popup). A name that is not in the roster is offered as "Add … as a new partner" and created on save.
 * The list opens in the flow of the form, pushing the fields below down rather than covering them.
 */
export function PartnerCombobox({ id, partners, value, onChange }: Props) {
  const [open, setOpen] = useState(false);
  const [activeIndex, setActiveIndex] = useState(-1);
  const listId = `${id}-listbox`;
  const query = normalizePartnerName(value);

  const options = useMemo(() => {
    const matches = partners.filter((p) => normalizePartnerName(p.name).includes(query)).slice(0, MAX_OPTIONS);
    const exact = partners.some((p) => normalizePartnerName(p.name) === query);
    const items: { key: string; name: string; label: string; isNew: boolean }[] = matches.map((p) => ({
      key: p.id,
      name: p.name,
      label: p.name,
      isNew: false,
    }));
    if (query && !exact && items.length > 0) {
      items.push({ key: '__new', name: value.trim(), label: `Add “${value.trim()}” as a new partner`, isNew: true });
    }
    return items;
  }, [partners, query, value]);
  const isNewName = Boolean(query) && !partners.some((p) => normalizePartnerName(p.name) === query);

  const closeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(closeTimer.current), []);
  // The roster can arrive while the user is typing (the first sync brings the org's partners). The list opens
  // only on the user's own action, over the roster shown then: a list springing open by itself would push the
  // fields below down just as the pointer reaches them. Once shown, it stays as the roster updates.
  const [openedOver, setOpenedOver] = useState<PartnerOption[]>();
  const shown = useRef(false);
  const expanded = open && options.length > 0 && (openedOver === partners || shown.current);
  shown.current = expanded;
  const openList = () => {
    setOpen(true);
    setOpenedOver(partners);
  };
  function choose(index: number) {
    const option = options[index];
    if (option) onChange(option.name);
    setOpen(false);
    setActiveIndex(-1);
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      openList();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActiveIndex((i) => (options.length ? (i + step + options.length) % options.length : -1));
    } else if (event.key === 'Enter' && expanded && activeIndex >= 0) {
      event.preventDefault();
      choose(activeIndex);
    } else if (event.key === 'Escape' && expanded) {
      // Close the list only; the panel must not collapse under the user.
      event.stopPropagation();
      setOpen(false);
      setActiveIndex(-1);
    }
  }

  return (
    <div class="pl-combobox">
      <input
        id={id}
        class="pl-input"
        type="text"
        role="combobox"
        autocomplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && activeIndex >= 0 ? `${listId}-${activeIndex}` : undefined}
        value={value}
        onInput={(e) => {
          onChange(e.currentTarget.value);
          openList();
          setActiveIndex(-1);
        }}
        aria-describedby={isNewName ? `${id}-new` : undefined}
        onFocus={() => {
          clearTimeout(closeTimer.current);
          openList();
        }}
        onBlur={() => {
          closeTimer.current = setTimeout(() => setOpen(false), CLOSE_DELAY_MS);
        }}
        onKeyDown={onKeyDown}
      />
      {/* ARIA in HTML allows listbox on ul and option on li (https://www.w3.org/TR/html-aria/#el-ul). */}
      {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: allowed, see above. */}
      <ul id={listId} role="listbox" aria-label="Partners" class="pl-listbox" hidden={!expanded}>
        {options.map((option, index) => (
          // Focus stays in the input, which points here with aria-activedescendant
          // (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/).
          // biome-ignore lint/a11y/useFocusableInteractive: the input keeps focus, as above.
          <li
            key={option.key}
            id={`${listId}-${index}`}
            // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: ARIA in HTML allows option on li.
            role="option"
            aria-selected={index === activeIndex}
            class={`pl-option${option.isNew ? ' pl-option-new' : ''}${index === activeIndex ? ' pl-option-active' : ''}`}
            // mousedown, not click: it runs before the input's blur closes the list.
            onMouseDown={(e) => {
              e.preventDefault();
              choose(index);
            }}
          >
            {option.label}
          </li>
        ))}
      </ul>
      {isNewName && (
        <p id={`${id}-new`} class="pl-hint pl-hint-left">
          Not in the roster yet: saving adds it as a new partner.
        </p>
      )}
    </div>
  );
}
