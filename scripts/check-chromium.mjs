// Browser tests drive Debian's Chromium; Playwright's own browser download cannot work here.
import fs from 'node:fs';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  Boolean,
);
const found = candidates.find((p) => fs.existsSync(p));
if (!found) {
  console.error(
    'No Chromium found for the browser tests: install it with `sudo apt-get install -y chromium` or set CHROMIUM_PATH.',
  );
  process.exit(1);
}
