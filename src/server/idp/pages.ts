/** HTML of the embedded provider's own pages. Every dynamic value goes through `escapeHtml`. */

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (char) => `&#${char.charCodeAt(0)};`);
}

export const STYLESHEET_PATH = '/idp/assets/sign-in.css';

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(title)} · Vigil</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<main class="card">
<p class="brand">Vigil</p>
${body}
</main>
</body>
</html>`;
}

export interface SignInForm {
  action: string;
  username?: string;
  /** Ask for the TOTP code: the sign-in requested a second factor. */
  needsSecondFactor: boolean;
  error?: string;
}

export function signInPage(form: SignInForm): string {
  const error = form.error ? `<p class="error" role="alert">${escapeHtml(form.error)}</p>` : '';
  const otp = form.needsSecondFactor
    ? `<label for="otp">Authenticator code</label>
<input id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required>
<p class="hint">This action needs multi-factor sign-in: enter the 6-digit code from your authenticator app.</p>`
    : '';
  return page(
    'Sign in',
    `<h1>${form.needsSecondFactor ? 'Confirm it is you' : 'Sign in'}</h1>
${error}
<form method="post" action="${escapeHtml(form.action)}" autocomplete="on">
<label for="username">Username</label>
<input id="username" name="username" autocomplete="username" required value="${escapeHtml(form.username ?? '')}"${form.username ? '' : ' autofocus'}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${form.username ? ' autofocus' : ''}>
${otp}
<button type="submit">Sign in</button>
</form>`,
  );
}

export function signOutPage(formHtml: string, host: string): string {
  return page(
    'Sign out',
    `<h1>Sign out of Vigil?</h1>
<p>You will be signed out of ${escapeHtml(host)} and its sign-in provider.</p>
${formHtml}
<button type="submit" form="op.logoutForm" value="yes" name="logout" autofocus>Sign out</button>
<button type="submit" form="op.logoutForm" class="secondary">Stay signed in</button>`,
  );
}

export function messagePage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="/">Back to Vigil</a></p>`);
}

export const STYLESHEET = `
:root { color-scheme: light dark; --bg: #f4f6f9; --card: #fff; --text: #1c2430; --muted: #5b6676; --accent: #2457d6; --border: #d5dbe3; --error: #b42318; }
@media (prefers-color-scheme: dark) { :root { --bg: #0f141a; --card: #171e27; --text: #e4e9f0; --muted: #98a4b3; --accent: #6c9bff; --border: #2b3542; --error: #ff8a80; } }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: var(--bg); color: var(--text); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.card { width: min(380px, 92vw); background: var(--card); border: 1px solid var(--border); border-radius: 10px; padding: 28px 28px 24px; box-shadow: 0 6px 24px rgba(0,0,0,.08); }
.brand { margin: 0 0 4px; font-weight: 700; letter-spacing: .04em; color: var(--accent); }
h1 { margin: 0 0 16px; font-size: 1.35rem; font-weight: 600; }
label { display: block; margin: 12px 0 4px; font-weight: 500; }
input { width: 100%; padding: 9px 10px; border: 1px solid var(--border); border-radius: 6px; background: transparent; color: inherit; font: inherit; }
input:focus, button:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
button { width: 100%; margin-top: 18px; padding: 10px; border: 0; border-radius: 6px; background: var(--accent); color: #fff; font: inherit; font-weight: 600; cursor: pointer; }
button.secondary { margin-top: 8px; background: transparent; color: var(--text); border: 1px solid var(--border); }
.error { color: var(--error); border: 1px solid var(--error); border-radius: 6px; padding: 8px 10px; }
.hint { color: var(--muted); font-size: .9em; margin: 6px 0 0; }
a { color: var(--accent); }
`;
