#!/usr/bin/env node
// Screenshots of kindly pages in one headless Chromium, for
// scripts/screenshots.sh.
// usage: screenshots.js LIST
// LIST holds one job a line: a page (an .html file) and where to write,
// PREFIX, separated by a tab. For each job it writes:
//   PREFIX-360.png, PREFIX-1280.png  the whole page at 360 and 1280 CSS px wide
//   PREFIX-print.pdf                 the print view on A4 (the page's @page rules)
// and prints each file it wrote, one a line. A page that scrolls sideways
// at 360 px gets a "warning:" line on stderr (page-tools.sh checks reflow).
// Exits 0 when every file was written; 1 when any page or the browser
// failed.
'use strict';
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const { launch } = require('./browser');

const [listFile] = process.argv.slice(2);
if (!listFile) {
	console.error('usage: screenshots.js LIST');
	process.exit(2);
}
const jobs = fs.readFileSync(listFile, 'utf8').split('\n').filter(Boolean).map((line) => {
	const [file, prefix] = line.split('\t');
	return { file, prefix };
});
const WIDTHS = [
	{ width: 360, height: 740 },
	{ width: 1280, height: 800 },
];
const TIMEOUT = 30000;

async function main() {
	const browser = await launch();
	let failed = 0;
	try {
		for (const size of WIDTHS) {
			const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1 });
			const page = await context.newPage();
			page.setDefaultTimeout(TIMEOUT);
			let problems = [];
			page.on('pageerror', (e) => problems.push('script error: ' + e.message));
			page.on('requestfailed', (r) => problems.push('could not load ' + r.url()));
			for (const job of jobs) {
				problems = [];
				const png = `${job.prefix}-${size.width}.png`;
				let shot = false;
				try {
					await page.goto(pathToFileURL(path.resolve(job.file)).href, { waitUntil: 'load' });
					const sw = await page.evaluate(() => document.documentElement.scrollWidth);
					if (sw > size.width) {
						console.error(`warning: ${job.file} scrolls sideways at ${size.width} px (${sw} px wide)`);
					}
					await page.screenshot({ path: png, fullPage: true });
					if (problems.length) throw new Error(problems.join('; '));
					console.log(png);
					shot = true;
				} catch (e) {
					failed++;
					console.error(`screenshots: ${job.file} at ${size.width} px: ${String(e && e.message || e).split('\n')[0]}`);
				}
				// The print view once, from the wide context.
				if (size.width !== 1280 || !shot) continue;
				const pdf = `${job.prefix}-print.pdf`;
				try {
					await page.emulateMedia({ media: 'print' });
					await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true, printBackground: true });
					await page.emulateMedia({ media: null });
					console.log(pdf);
				} catch (e) {
					failed++;
					console.error(`screenshots: ${job.file} in print: ${String(e && e.message || e).split('\n')[0]}`);
				}
			}
			await context.close();
		}
	} finally {
		await browser.close();
	}
	return failed ? 1 : 0;
}

main().then((rc) => process.exit(rc), (e) => {
	console.error('screenshots: ' + (e && e.stack || e));
	process.exit(1);
});
