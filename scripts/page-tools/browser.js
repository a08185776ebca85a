'use strict';
// Debian's Chromium through playwright-core, as every page tool starts it:
// headless, no network of its own, never a downloaded browser.
//   launch({ files: true }) also lets file: pages read each other's
//   files (axe reads the style sheets' rules without fetching them).
const { chromium } = require('playwright-core');

const executablePath = process.env.PAGE_TOOLS_BROWSER || '/usr/bin/chromium';

function launch(opts) {
	const args = [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
	];
	if (opts && opts.files)
		args.push('--allow-file-access-from-files');
	return chromium.launch({ executablePath, args });
}

module.exports = { launch, executablePath };
