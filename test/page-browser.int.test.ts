import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SwagServer } from '../server/app.ts';
import { buildPageAssets, pageAssetsFresh } from '../server/page/assets.ts';
import { startReplica } from './support/replicas.ts';
import { startPostgres, startRedis, type RunningService } from './support/services.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { isHostNetworkChange, launchChromium } from './support/headless-chromium.ts';
import { lowContrastText } from './support/text-contrast.ts';

const PUBLIC_DIR = fileURLToPath(new URL('../server/dist/public', import.meta.url));
const SCREENSHOT_DIR = process.env.SWAGBOARD_SCREENSHOT_DIR;
const LIVE_MS = 10_000;

/** Two users in two browsers on two replicas (one Postgres, one Redis) sharing a board through the HTML page. */
describe('board page: live across replicas in real browsers', () => {
  let postgres: RunningService;
  let redis: RunningService;
  let browser: Browser;
  const servers: SwagServer[] = [];
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  const start = async (replica: string) => {
    return startReplica(
      {
        SWAGBOARD_DATABASE_URL: postgres.url,
        SWAGBOARD_BUS: 'redis',
        SWAGBOARD_REDIS_URL: redis.url,
        SWAGBOARD_REPLICA: replica,
        SWAGBOARD_AUTH: 'required',
        SWAGBOARD_TOKEN_SECRET: 'page-browser-test-secret',
        SWAGBOARD_PRESENCE_HEARTBEAT_MS: '500',
      },
      servers,
    );
  };

  const signUp = async (server: SwagServer, username: string) => {
    const response = await fetch(`${server.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'correct horse' }),
    });
    expect(response.status).toBe(201);
  };

  /** A fresh browser context, signed in through the page's own form. */
  const signIn = async (server: SwagServer, username: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' && !isHostNetworkChange(message.text()))
        problems.push(`${username} console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`${username} page error: ${error.message}`));
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url)) problems.push(`${username} external request: ${request.url()}`);
    });
    await page.goto(`${server.url}/boards`);
    await page.waitForURL(/\/signin$/);
    await page.fill('input[name="username"]', username);
    await page.fill('input[name="password"]', 'correct horse');
    await page.click('form[data-auth-form] button');
    await page.waitForURL(/\/boards$/);
    return page;
  };

  beforeAll(async () => {
    if (!pageAssetsFresh(PUBLIC_DIR)) await buildPageAssets(PUBLIC_DIR);
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
    await Promise.all([start('page-1'), start('page-2')]);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
    await browser?.close();
    await Promise.all(servers.map((server) => server.close()));
    await Promise.all([postgres?.stop(), redis?.stop()]);
  });

  it("shows A's new task to B, B's move to A, and A's typing to B, with presence on both", async () => {
    const [one, two] = servers as [SwagServer, SwagServer];
    await Promise.all([signUp(one, 'alice'), signUp(two, 'bob')]);
    const alice = await signIn(one, 'alice');
    const bob = await signIn(two, 'bob');

    await alice.fill('input[name="id"]', 'launch');
    await alice.click('form[data-create-board] button');
    await alice.waitForURL(/\/boards\/launch$/);
    await alice.fill('form[data-add-member] input[name="username"]', 'bob');
    await alice.click('form[data-add-member] button');
    await expect
      .poll(() => alice.textContent('[data-member-result]'), { timeout: LIVE_MS })
      .toContain('bob can now open this board');

    await bob.reload();
    await bob.click('a[href="boards/launch"]');
    await bob.waitForURL(/\/boards\/launch$/);
    for (const page of [alice, bob]) {
      await page.waitForSelector("[data-live-label]:text('live')", { timeout: LIVE_MS });
      await page.waitForSelector('#presence [data-user="alice"]', { timeout: LIVE_MS });
      await page.waitForSelector('#presence [data-user="bob"]', { timeout: LIVE_MS });
    }

    const title = 'Ship it <script>window.pwned = true</script> & "quote"';
    const newTodo = '[data-testid="column-todo"] form[data-create-form] input[name="title"]';
    await alice.fill(newTodo, title);
    await alice.press(newTodo, 'Enter');
    const bobsCard = bob.locator('[data-testid="column-todo"] article', { hasText: 'Ship it' });
    await bobsCard.waitFor({ timeout: LIVE_MS });
    expect(await bobsCard.locator('[data-title]').textContent()).toBe(title);
    expect(await bob.evaluate(() => (globalThis as { pwned?: boolean }).pwned)).toBeUndefined();
    await expect.poll(() => alice.inputValue(newTodo), { timeout: LIVE_MS }).toBe('');

    await bobsCard.locator('button[data-move="doing"]').click();
    await alice.locator('[data-testid="column-doing"] article', { hasText: 'Ship it' }).waitFor({ timeout: LIVE_MS });
    expect(await alice.locator('[data-testid="column-todo"] article').count()).toBe(0);
    await alice.locator('#activity li', { hasText: 'Moved' }).filter({ hasText: 'bob' }).waitFor({ timeout: LIVE_MS });

    const alicesCard = alice.locator('[data-testid="column-doing"] article').first();
    await alicesCard.locator('summary').click();
    const notes = 'Remember <b>the</b> changelog</textarea><i>x</i>';
    await alicesCard.locator('textarea[data-notes]').pressSequentially(notes, { delay: 20 });
    const taskId = await alicesCard.getAttribute('data-task');
    await bob.locator(`#typing-${taskId}`, { hasText: 'alice is typing…' }).waitFor({ timeout: LIVE_MS });
    expect(await alice.locator(`#typing-${taskId}`).textContent()).toBe('');

    // Leaving the notes field saves them; the other page gets them as text, not markup.
    await alicesCard.locator('textarea[data-notes]').blur();
    const bobsNotes = bob.locator(`#task-${taskId} textarea[data-notes]`);
    await expect.poll(() => bobsNotes.inputValue(), { timeout: LIVE_MS }).toBe(notes);
    expect(await bob.locator(`#task-${taskId} b, #task-${taskId} i`).count()).toBe(0);

    if (SCREENSHOT_DIR) {
      await bob.screenshot({ path: join(SCREENSHOT_DIR, 'board-bob.png') });
      await alice.screenshot({ path: join(SCREENSHOT_DIR, 'board-alice.png') });
      await alice.goto(`${one.url}/boards`);
      await alice.screenshot({ path: join(SCREENSHOT_DIR, 'boards-alice.png') });
      await alice.goto(`${one.url}/signin`);
      await alice.screenshot({ path: join(SCREENSHOT_DIR, 'signin.png') });
    }
    expect(problems).toEqual([]);
  });

  it('filters the board by a tag chip, live, and reorders cards with the up control', async () => {
    const [one, two] = servers as [SwagServer, SwagServer];
    const [alice, bob] = [0, 1].map((i) => contexts[i]!.pages()[0]!) as [Page, Page];
    await Promise.all([alice.goto(`${one.url}/boards/launch`), bob.goto(`${two.url}/boards/launch`)]);
    for (const page of [alice, bob]) await page.waitForSelector("[data-live-label]:text('live')", { timeout: LIVE_MS });
    const shipIt = alice.locator('article', { hasText: 'Ship it' });
    const setTags = async (tags: string) => {
      await shipIt.locator('summary').click();
      await shipIt.locator('input[data-tags-input]').fill(tags);
      await shipIt.locator('form button').click();
    };
    await setTags('ui launch-blocker');
    const chip = bob.locator('article a[data-tag="ui"]');
    await chip.waitFor({ timeout: LIVE_MS });
    await chip.click();
    await bob.waitForURL(/\/boards\/launch\?tag=ui$/);
    await bob.waitForSelector("[data-live-label]:text('live')", { timeout: LIVE_MS });
    expect(await bob.locator('article [data-title]').allTextContents()).toEqual([expect.stringContaining('Ship it')]);

    // An untagged new task stays out of the filtered view; losing the tag takes the card out, regaining it brings it back.
    const newTodo = '[data-testid="column-todo"] form[data-create-form] input[name="title"]';
    await alice.fill(newTodo, 'Untagged chore');
    await alice.press(newTodo, 'Enter');
    await setTags('launch-blocker');
    await expect.poll(() => bob.locator('article').count(), { timeout: LIVE_MS }).toBe(0);
    await setTags('ui');
    await bob.locator('[data-testid="column-doing"] article', { hasText: 'Ship it' }).waitFor({ timeout: LIVE_MS });
    expect(await bob.locator('article').count()).toBe(1);

    await bob.click('a[data-clear-filter]');
    await bob.waitForURL(/\/boards\/launch$/);
    await bob.waitForSelector("[data-live-label]:text('live')", { timeout: LIVE_MS });
    await alice.fill(newTodo, 'Second chore');
    await alice.press(newTodo, 'Enter');
    const todoTitles = (page: Page) =>
      page.locator('[data-testid="column-todo"] article [data-title]').allTextContents();
    await expect.poll(() => todoTitles(bob), { timeout: LIVE_MS }).toEqual(['Untagged chore', 'Second chore']);
    await bob
      .locator('[data-testid="column-todo"] article', { hasText: 'Second chore' })
      .locator('button[data-move-up]')
      .click();
    await expect.poll(() => todoTitles(alice), { timeout: LIVE_MS }).toEqual(['Second chore', 'Untagged chore']);
    await expect.poll(() => todoTitles(bob), { timeout: LIVE_MS }).toEqual(['Second chore', 'Untagged chore']);
    expect(problems).toEqual([]);
  });

  it('keeps text at AA contrast, says so in empty columns, and gives the typing line no room until someone types', async () => {
    const [one] = servers as [SwagServer, SwagServer];
    const alice = contexts[0]!.pages()[0]!;
    await alice.goto(`${one.url}/boards/launch`);
    await alice.waitForSelector("[data-live-label]:text('live')", { timeout: LIVE_MS });
    // To do and Doing have cards (from the tests above), Done has none.
    expect(await alice.locator('[data-testid="column-done"] [data-empty-column]').textContent()).toBe(
      'No tasks here yet.',
    );
    await alice.locator('[data-testid="column-done"] [data-empty-column]').waitFor({ state: 'visible' });
    expect(await alice.locator('[data-testid="column-todo"] [data-empty-column]').isVisible()).toBe(false);
    const card = alice.locator('[data-testid="column-todo"] article').first();
    expect((await card.locator('[aria-live]').boundingBox())?.height).toBe(0);

    // axe for every rule it knows; the own check as well, for text axe cannot judge and leaves "incomplete"
    // rather than failing (here: the activity rows, partly hidden in their scrolling list, and the ↑/↓ glyphs).
    expect(await seriousAxeViolations(alice)).toEqual([]);
    expect(await lowContrastText(alice)).toEqual([]);
    await alice.locator('article').first().locator('summary').click();
    expect(await seriousAxeViolations(alice)).toEqual([]);
    await alice.goto(`${one.url}/boards`);
    expect(await seriousAxeViolations(alice)).toEqual([]);
    expect(await lowContrastText(alice)).toEqual([]);
    const signedOut = await browser.newContext();
    contexts.push(signedOut);
    const signInPage = await signedOut.newPage();
    await signInPage.goto(`${one.url}/signin`);
    expect(await seriousAxeViolations(signInPage)).toEqual([]);
    expect(await lowContrastText(signInPage)).toEqual([]);

    // A card moved out of the last one's column leaves it empty: the empty-state text comes back, live.
    await alice.goto(`${one.url}/boards/launch`);
    await alice.waitForSelector("[data-live-label]:text('live')", { timeout: LIVE_MS });
    const doing = alice.locator('[data-testid="column-doing"]');
    await doing.locator('article button[data-move="done"]').click();
    await doing.locator('[data-empty-column]').waitFor({ state: 'visible', timeout: LIVE_MS });
    await alice
      .locator('[data-testid="column-done"] [data-empty-column]')
      .waitFor({ state: 'hidden', timeout: LIVE_MS });
    await alice.locator('[data-testid="column-done"] article button[data-move="doing"]').click();
    await doing.locator('[data-empty-column]').waitFor({ state: 'hidden', timeout: LIVE_MS });
    expect(problems).toEqual([]);
  });

  it('moves cards by drag-and-drop and by keyboard, live on the other replica, and edits tags and filters by them', async () => {
    const [one, two] = servers as [SwagServer, SwagServer];
    const [alice, bob] = [0, 1].map((i) => contexts[i]!.pages()[0]!) as [Page, Page];
    await Promise.all([alice.goto(`${one.url}/boards/launch`), bob.goto(`${two.url}/boards/launch`)]);
    for (const page of [alice, bob]) await page.waitForSelector("[data-live-label]:text('live')", { timeout: LIVE_MS });
    const titles = (page: Page, column: string) =>
      page.locator(`[data-testid="column-${column}"] article [data-title]`).allTextContents();
    const card = (page: Page, title: string) =>
      page.locator('article', { has: page.locator('[data-title]', { hasText: title }) });
    const bothShow = async (column: string, expected: string[]) => {
      for (const page of [alice, bob])
        await expect.poll(() => titles(page, column), { timeout: LIVE_MS }).toEqual(expected);
    };
    const shipIt = 'Ship it <script>window.pwned = true</script> & "quote"';
    // Left by the tests above.
    await bothShow('todo', ['Second chore', 'Untagged chore']);
    await bothShow('doing', [shipIt]);

    /** A real drag with the mouse: press on the card, move in steps (HTML5 drag events fire), release at `to`. */
    const drag = async (page: Page, title: string, to: { x: number; y: number }) => {
      const from = (await card(page, title).locator('[data-title]').boundingBox())!;
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(to.x, to.y, { steps: 8 });
      await page.mouse.up();
    };
    const topOf = async (page: Page, title: string) => {
      const box = (await card(page, title).boundingBox())!;
      return { x: box.x + box.width / 2, y: box.y + 6 };
    };
    const endOf = async (page: Page, column: string) => {
      const box = (await page.locator(`[data-testid="column-${column}"] form[data-create-form]`).boundingBox())!;
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    };

    // Between columns, onto the top of a card: it takes that card's place, on both replicas.
    await drag(alice, 'Second chore', await topOf(alice, 'Ship it'));
    await bothShow('doing', ['Second chore', shipIt]);
    await bothShow('todo', ['Untagged chore']);
    // Past the last card: the end of the column; the emptied column says so on the other replica.
    await drag(alice, 'Untagged chore', await endOf(alice, 'doing'));
    await bothShow('doing', ['Second chore', shipIt, 'Untagged chore']);
    await bob
      .locator('[data-testid="column-todo"] [data-empty-column]')
      .waitFor({ state: 'visible', timeout: LIVE_MS });
    // Down its own column, dropped above the last card: one place lower than that card's old position.
    await drag(bob, 'Second chore', await topOf(bob, 'Untagged chore'));
    await bothShow('doing', [shipIt, 'Second chore', 'Untagged chore']);
    // The store's positions, as a fresh page renders them.
    await alice.reload();
    expect(
      await alice
        .locator('[data-testid="column-doing"] article')
        .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-position'))),
    ).toEqual(['0', '1', '2']);
    await alice.waitForSelector("[data-live-label]:text('live')", { timeout: LIVE_MS });

    // Keyboard: a focused card moves with the arrow keys, keeps focus, and says where it went.
    await card(bob, 'Untagged chore').focus();
    await bob.keyboard.press('ArrowLeft');
    await bothShow('todo', ['Untagged chore']);
    await expect
      .poll(() => bob.textContent('[data-move-announcer]'), { timeout: LIVE_MS })
      .toBe('Moved Untagged chore to To do, card 1 of 1.');
    await card(bob, 'Second chore').focus();
    await bob.keyboard.press('ArrowUp');
    await bothShow('doing', ['Second chore', shipIt]);
    await expect
      .poll(() => bob.textContent('[data-move-announcer]'), { timeout: LIVE_MS })
      .toBe('Moved Second chore to Doing, card 1 of 2.');
    expect(await card(bob, 'Second chore').evaluate((element) => element === element.ownerDocument.activeElement)).toBe(
      true,
    );
    await bob.keyboard.press('ArrowLeft');
    await bothShow('todo', ['Untagged chore', 'Second chore']);
    await expect
      .poll(() => bob.textContent('[data-move-announcer]'), { timeout: LIVE_MS })
      .toBe('Moved Second chore to To do, card 2 of 2.');
    await bob.keyboard.press('ArrowLeft');
    await expect
      .poll(() => bob.textContent('[data-move-announcer]'), { timeout: LIVE_MS })
      .toBe('Second chore is already in the first column.');

    // Tags and assignee edited from the card show on the other replica's card.
    const chore = card(alice, 'Second chore');
    await chore.locator('summary').click();
    await chore.locator('input[data-tags-input]').fill('ui docs');
    await chore.locator('select[name="assignee"]').selectOption({ label: 'bob' });
    await chore.locator('form button').click();
    const bobsChore = card(bob, 'Second chore');
    await expect
      .poll(() => bobsChore.locator('a[data-tag]').allTextContents(), { timeout: LIVE_MS })
      .toEqual(['#ui', '#docs']);
    await expect.poll(() => bobsChore.locator('[data-assignee]').textContent(), { timeout: LIVE_MS }).toContain('bob');

    // The page's tag filter: only tagged cards, across columns; an empty filter is the whole board again.
    await bob.fill('#tag-filter', 'ui');
    await bob.press('#tag-filter', 'Enter');
    await bob.waitForURL(/\/boards\/launch\?tag=ui$/);
    await bob.waitForSelector("[data-live-label]:text('live')", { timeout: LIVE_MS });
    expect(await titles(bob, 'todo')).toEqual(['Second chore']);
    expect(await titles(bob, 'doing')).toEqual([shipIt]);
    await bob.fill('#tag-filter', '');
    await bob.press('#tag-filter', 'Enter');
    await bob.waitForURL(/\/boards\/launch$/);
    expect(await titles(bob, 'todo')).toEqual(['Untagged chore', 'Second chore']);

    if (SCREENSHOT_DIR) {
      await alice.reload();
      await alice.waitForSelector("[data-live-label]:text('live')", { timeout: LIVE_MS });
      const from = (await card(alice, 'Untagged chore').locator('[data-title]').boundingBox())!;
      const to = await topOf(alice, shipIt);
      await alice.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await alice.mouse.down();
      await alice.mouse.move(to.x, to.y, { steps: 8 });
      await alice.locator('[data-drop-marker]').waitFor();
      await alice.screenshot({ path: join(SCREENSHOT_DIR, 'board-drag.png') });
      await alice.mouse.up();
      await bothShow('doing', ['Untagged chore', shipIt]);
    }
    expect(problems).toEqual([]);
  });

  it("sends a signed-out session's other tabs, on either replica, to sign-in, and takes the user off Online", async () => {
    const [one, two] = servers as [SwagServer, SwagServer];
    const [alice, bob] = [0, 1].map((i) => contexts[i]!.pages()[0]!) as [Page, Page];
    // The same browser context: the same session cookie, as two tabs of one browser.
    const bobsOtherTab = await contexts[1]!.newPage();
    bobsOtherTab.on('pageerror', (error) => problems.push(`bob's other tab page error: ${error.message}`));
    await Promise.all([
      alice.goto(`${one.url}/boards/launch`),
      bob.goto(`${two.url}/boards/launch`),
      bobsOtherTab.goto(`${one.url}/boards/launch`),
    ]);
    for (const page of [alice, bob, bobsOtherTab])
      await page.waitForSelector("[data-live-label]:text('live')", { timeout: LIVE_MS });
    await alice.waitForSelector('#presence [data-user="bob"]', { timeout: LIVE_MS });

    await bob.click('button[data-signout]');
    await bob.waitForURL(/\/signin$/, { timeout: LIVE_MS });
    await bobsOtherTab.waitForURL(/\/signin$/, { timeout: LIVE_MS });
    await alice.locator('#presence [data-user="bob"]').waitFor({ state: 'detached', timeout: LIVE_MS });
    expect(
      await alice
        .locator('#presence [data-user]')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-user'))),
    ).toEqual(['alice']);
    expect(problems).toEqual([]);
  });

  it('keeps non-members out and sends signed-out browsers to sign-in', async () => {
    const [one] = servers as [SwagServer, SwagServer];
    await signUp(one, 'mallory');
    const mallory = await signIn(one, 'mallory');
    const response = await mallory.goto(`${one.url}/boards/launch`);
    expect(response?.status()).toBe(403);
    expect(await lowContrastText(mallory)).toEqual([]);
    expect(await (await fetch(`${one.url}/boards/launch/stream`)).status).toBe(401);
    const post = await fetch(`${one.url}/boards/launch/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'hx-request': 'true' },
      body: 'title=x&column=todo',
    });
    expect(post.status).toBe(401);
  });
});
