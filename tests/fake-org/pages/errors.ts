/** Plain error pages for paths and hosts the fake org does not serve. */
import { html } from './format';

export function notFoundPage(path: string, hint?: string): string {
  return html`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>URL No Longer Exists</title>
<style>body{font-family:Arial,Helvetica,sans-serif;margin:40px;color:#333}h1{font-size:20px}</style></head>
<body>
<h1>URL No Longer Exists</h1>
<p>You have attempted to reach a URL that no longer exists on salesforce.com.</p>
<p><code>${path}</code></p>
${hint ? html`<p>${hint}</p>` : ''}
</body>
</html>
`.__html;
}
