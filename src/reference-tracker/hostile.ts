// Item FB-7 is hostile on purpose: its customer text tries every common way to
// run script in a webview. The e2e tests open it and assert that
// `window.__feedbackPwned` stays unset, so any rendering path that trusts
// customer text fails loudly.

export const HOSTILE_ITEM_ID = 'FB-7';

/** Each payload sets `window.__feedbackPwned` if it ever runs. */
export const HOSTILE_PAYLOADS = [
  '<img src=x onerror="window.__feedbackPwned=1">',
  '<script>window.__feedbackPwned=1</script>',
  '[click](javascript:window.__feedbackPwned=1)',
  '<iframe src="javascript:window.__feedbackPwned=1"></iframe>',
  '"><svg onload="window.__feedbackPwned=1">',
  "'><body onload='window.__feedbackPwned=1'>",
  '<a href="javascript:window.__feedbackPwned=1">docs</a>',
  '![x](x" onerror="window.__feedbackPwned=1)',
  '<style>@import "javascript:window.__feedbackPwned=1";</style>',
  '<details open ontoggle="window.__feedbackPwned=1">',
  '{{constructor.constructor("window.__feedbackPwned=1")()}}',
  '${window.__feedbackPwned=1}',
] as const;

export const HOSTILE_TITLE = `Export fails <img src=x onerror="window.__feedbackPwned=1"> "><svg onload="window.__feedbackPwned=1"> <script>window.__feedbackPwned=1</script>`;

export function hostileDescription(): string {
  return [
    '# Export <script>window.__feedbackPwned=1</script> broken',
    'Every payload below must show as text and never run:',
    ...HOSTILE_PAYLOADS.map((payload) => `- ${payload}`),
    '',
    '```html\n<img src=x onerror="window.__feedbackPwned=1">\n```',
    '',
    '<iframe srcdoc="<script>parent.__feedbackPwned=1</script>"></iframe>',
    '[click](javascript:window.__feedbackPwned=1) and <a href="data:text/html,<script>alert(1)</script>">data link</a>',
  ].join('\n');
}

export const HOSTILE_COMMENTS = [
  '<img src=x onerror="window.__feedbackPwned=1"> thanks!',
  '[click for the fix](javascript:window.__feedbackPwned=1)',
  '"><svg onload="window.__feedbackPwned=1"> <iframe src="javascript:window.__feedbackPwned=1"></iframe>',
  '<script>window.__feedbackPwned=1</script> Internal: do not trust this customer text.',
] as const;

export const HOSTILE_CUSTOMER_NAME = '<b onmouseover="window.__feedbackPwned=1">Mallory</b>';
