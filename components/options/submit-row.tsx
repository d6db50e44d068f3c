interface Props {
  /** The submit button's text, e.g. "Save rules". */
  label: string;
  /** Why the last save failed, announced at once. */
  error?: string;
  /** What the last save did, announced politely. */
  status?: string;
  /** Nothing to save: the fields are set elsewhere (the team rules). */
  disabled?: boolean;
}

/** The end of an options form: the problem if saving failed, the submit button, and the confirmation. */
export function SubmitRow({ label, error, status, disabled }: Props) {
  return (
    <>
      {error && (
        <p role="alert" class="pl-alert">
          {error}
        </p>
      )}
      <div class="pl-row-actions">
        <button type="submit" class="pl-button pl-button-brand" disabled={disabled}>
          {label}
        </button>
        <span role="status" class="pl-status-text">
          {status}
        </span>
      </div>
    </>
  );
}
