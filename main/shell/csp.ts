// The response-header CSP for the UI. No electron import: the browser harness serves the
// same policy so both modes fail the same way when something tries inline script or a remote fetch.
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  // data: carries contact photos (IPC contacts:photo), checked on import to be PNG, JPEG, GIF or WebP.
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
