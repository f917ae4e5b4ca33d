// Opens the live console in headless Chromium and waits until its charts have drawn several samples showing commitlog
// writes and query reads; then saves a screenshot. Usage: node console-check.mjs URL SCREENSHOT [CHROMIUM]
// Prints what it saw as JSON; exits 1 (with the reason) if the page never showed it.
import { chromium } from 'playwright-core';

const [url, screenshot, executablePath = '/usr/bin/chromium'] = process.argv.slice(2);
const WANTED_SAMPLES = 5;
const TIMEOUT_MS = 60_000;

// What the page shows now: samples received, the table's figures and how much of each chart is drawn.
function observe() {
  const cell = (ioClass, column) => {
    const row = document.querySelector(`#now tr[data-class="${ioClass}"]`);
    return row ? Number(row.children[column].textContent) : 0;
  };
  // the share of a chart's plot area (below its "max" label) that is drawn on
  const inked = id => {
    const canvas = document.getElementById(id);
    const top = Math.ceil(16 * (window.devicePixelRatio || 1));
    const pixels = canvas.getContext('2d').getImageData(0, top, canvas.width, canvas.height - top).data;
    let count = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) count++;
    return count / (pixels.length / 4);
  };
  return {
    samples: Number(document.body.dataset.samples),
    commitlogWriteIops: cell('commitlog', 2),
    queryReadIops: cell('query', 1) + cell('query', 12), // from the disk, and from the page cache
    flushWriteMBs: cell('memtable_flush', 4),
    inked: Object.fromEntries(['writes', 'pattern', 'groups'].map(id => [id, inked(id)])),
    shards: document.getElementById('shard').options.length - 1,
  };
}

const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = [];
  page.on('pageerror', error => errors.push(String(error)));
  await page.goto(url);
  const seen = { commitlogWrites: 0, queryReads: 0, flushWrites: 0 };
  const deadline = Date.now() + TIMEOUT_MS;
  let now;
  for (;;) {
    now = await page.evaluate(observe);
    if (now.commitlogWriteIops > 0) seen.commitlogWrites++;
    if (now.queryReadIops > 0) seen.queryReads++;
    if (now.flushWriteMBs > 0) seen.flushWrites++;
    if (now.samples >= WANTED_SAMPLES && seen.commitlogWrites > 0 && seen.queryReads > 0) break;
    if (Date.now() > deadline || errors.length) break;
    await page.waitForTimeout(500);
  }
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify({ now, seen, errors }));
  // charts whose series must have drawn areas under this load (disk reads may all come from the page cache)
  const blank = Object.entries(now.inked).filter(([, share]) => share < 0.005);
  const problems = [
    errors.length && `the page threw: ${errors.join('; ')}`,
    now.samples < WANTED_SAMPLES && `only ${now.samples} samples arrived`,
    !seen.commitlogWrites && 'no commitlog writes shown',
    !seen.queryReads && 'no query reads shown',
    blank.length && `charts left blank: ${blank.map(([id]) => id).join(', ')}`,
  ].filter(Boolean);
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exitCode = 1;
  }
} finally {
  await browser.close();
}
