import { useEffect, useState } from 'preact/hooks';
import './impact.css';

export interface ImpactLinkProps {
  /** The page's address (`browser.runtime.getURL('/impact.html')`). */
  href: string;
  /** Asks for the one-line headline; undefined when no verdict holds. Without it only the link shows. */
  loadHeadline?: () => Promise<string | undefined>;
}

/**
 * A link to the "Partner impact" page, with the last complete quarter's headline beside it when a verdict
 * holds there (and nothing more when none does: the link never claims what the figures do not support).
 */
export function ImpactLink({ href, loadHeadline }: ImpactLinkProps) {
  const [headline, setHeadline] = useState<string>();
  useEffect(() => {
    loadHeadline?.().then(setHeadline, () => setHeadline(undefined));
  }, []);
  return (
    <p class="pl-impact-link">
      <a class="pl-link" href={href} target="_blank" rel="noopener">
        Partner impact
      </a>
      {headline ? <span class="pl-muted"> — {headline}</span> : null}
    </p>
  );
}
