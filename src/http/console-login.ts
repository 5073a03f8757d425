/**
 * How a browser presents RESDIR_ADMIN_TOKEN to the console. A browser cannot add an Authorization
 * header to page loads, module imports or an EventSource, so the console's sign-in form
 * (GET /_resdir/console/login, open to everyone: it holds no data) POSTs the token once and gets it
 * back as a cookie (HttpOnly, SameSite=Strict, Path=/_resdir/). On the console's own routes the
 * cookie is turned into `Authorization: Bearer …` before the /_resdir/ guard runs: the guard alone
 * decides, exactly as for any other client. The form never checks the token itself.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';

export const TOKEN_COOKIE = 'resdir_admin_token';

const FORM = `<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="color-scheme" content="light dark" /><title>Sign in · resdir console</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0; display: grid; place-items: center; min-height: 100vh; }
main { max-width: 26rem; padding: 2rem; } label, input, button { display: block; font: inherit; }
input { width: 100%; margin: 0.3rem 0 1rem; padding: 0.5rem; } button { padding: 0.5rem 1rem; }
</style></head>
<body><main id="main">
<h1>resdir console</h1>
<p>This server asks for its admin token (RESDIR_ADMIN_TOKEN).</p>
<form method="post" action="login">
<label>Admin token <input type="password" name="token" autocomplete="current-password" required /></label>
<button type="submit">Sign in</button>
</form></main></body></html>
`;

function cookieToken(req: FastifyRequest): string | undefined {
  const raw = req.headers.cookie;
  if (typeof raw !== 'string') return undefined;
  for (const part of raw.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === TOKEN_COOKIE) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** Runs before the guard on the console's routes: a token cookie stands in for a missing Authorization header. */
export const cookieAsBearer: onRequestHookHandler = async (req) => {
  if (req.headers.authorization !== undefined) return;
  const token = cookieToken(req);
  if (token) req.headers.authorization = `Bearer ${token}`;
};

export function registerConsoleLogin(app: FastifyInstance): void {
  const html = (reply: FastifyReply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header(
        'content-security-policy',
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
      );
  app.get('/_resdir/console/login', async (_req, reply) => html(reply).send(FORM));
  app.post('/_resdir/console/login', async (req, reply) => {
    const body = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    const token = new URLSearchParams(body).get('token') ?? '';
    if (token === '' || token.length > 1024) return html(reply).code(400).send(FORM);
    const secure = req.protocol === 'https' ? '; Secure' : '';
    return reply
      .header(
        'set-cookie',
        `${TOKEN_COOKIE}=${encodeURIComponent(token)}; Path=/_resdir/; HttpOnly; SameSite=Strict${secure}`,
      )
      .redirect('/_resdir/console/', 303);
  });
}
