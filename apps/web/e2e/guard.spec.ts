import { expect, test } from './support.ts';

// The guard every test gets (support.ts) must see what breaks a page for a
// person; here each problem is provoked once, and must be reported.
test('the page guard reports script errors, console errors, missing assets and overflow', async ({
  page,
  guard,
}) => {
  await page.goto('/connexion');
  expect(await guard.take()).toEqual([]);
  await page.evaluate(() => {
    const wide = document.createElement('div');
    wide.id = 'trop-large';
    wide.style.width = '3000px';
    wide.style.height = '1px';
    document.body.append(wide);
    console.error('essai du garde');
    const image = document.createElement('img');
    image.alt = '';
    image.src = '/absente.png';
    document.body.append(image);
    setTimeout(() => {
      throw new Error('erreur de script provoquée');
    }, 0);
  });
  await guard.checkOverflow();
  const seen: string[] = [];
  await expect
    .poll(async () => {
      seen.push(...(await guard.take()));
      return seen.length;
    })
    .toBe(4);
  expect(seen.sort()).toEqual([
    'asset 404: /absente.png',
    'console error: essai du garde',
    expect.stringMatching(/^overflow: \/connexion is 3\d{3}px wide on a \d+px screen$/),
    'pageerror: erreur de script provoquée',
  ]);
  // The end-of-test check would see the overflow again: put the page right.
  await page.evaluate(() => {
    document.getElementById('trop-large')?.remove();
  });
  await guard.checkOverflow();
  expect(await guard.take()).toEqual([]);
});
