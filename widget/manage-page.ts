/**
 * The page a manage link opens (`/manage/<meetingId>`): one static document for every meeting, the
 * script reads the id from the address. The local server serves it; in AWS it is `manage/index.html` on S3.
 */
export const MANAGE_PAGE_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Your meeting</title><link rel="stylesheet" href="/demo/demo.css"></head><body><main><p>Loading…</p></main><script src="/widget/manage.js" defer></script></body></html>`;
