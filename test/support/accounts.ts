// A signed-up, signed-in user of a SwagBoard server (SWAGBOARD_AUTH=required).
export interface Account {
  username: string;
  token: string;
  cookie: string;
  user: { id: string; username: string };
}

const PASSWORD = 'correct horse battery';

/** Signs `username` up and in through the REST API; fails loudly if either step does. */
export async function signUpAndIn(serverUrl: string, username: string): Promise<Account> {
  const post = (path: string) =>
    fetch(`${serverUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
  const signup = await post('/api/auth/signup');
  if (signup.status !== 201)
    throw new Error(`sign-up of ${username} answered ${signup.status}: ${await signup.text()}`);
  const signin = await post('/api/auth/signin');
  if (signin.status !== 200)
    throw new Error(`sign-in of ${username} answered ${signin.status}: ${await signin.text()}`);
  const cookie = (signin.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const body = (await signin.json()) as { token: string; user: Account['user'] };
  return { username, token: body.token, cookie, user: body.user };
}
