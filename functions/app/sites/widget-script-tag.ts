/** The one line a site owner pastes into their pages. */
export function widgetScriptTag(publicUrl: string, siteKey: string): string {
  const base = publicUrl.replace(/\/+$/, '');
  return `<script src="${base}/widget/loader.js" data-site-key="${siteKey}" async></script>`;
}
