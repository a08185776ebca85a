#!/usr/bin/env node
// Run axe-core over HTML pages in one headless Chromium, for
// scripts/page-tools.sh.
// usage: axe-pages.js LIST OUT.json
// LIST holds one page a line (paths as the caller prints them). Each page is
// opened as a file:// URL at every width in WIDTHS; after the narrow width
// it also checks, at 320 CSS px and with the text spacing of WCAG 1.4.12
// applied, that the page does not scroll sideways (WCAG 1.4.10 Reflow).
// OUT.json gets { engine, browser, widths, tags, pages: [ { file, width,
// violations, incomplete, passes, reflow, problems, console, failed } ] }.
// Exits 0 when every page was checked, whatever it found; 1 when the browser
// or axe failed.
'use strict';
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const { launch } = require('./browser');

const [listFile, outFile] = process.argv.slice(2);
if (!listFile || !outFile) {
	console.error('usage: axe-pages.js LIST OUT.json');
	process.exit(2);
}
const files = fs.readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const axeVersion = require('axe-core/package.json').version;
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
// Desktop and a small phone; the narrow one is also the reflow check.
const WIDTHS = [
	{ width: 1280, height: 800 },
	{ width: 360, height: 740 },
];
const NARROW = 360;
// WCAG 1.4.10: content reflows at 320 CSS px (1280 px at 400% zoom).
const REFLOW = 320;

// WCAG 1.4.12: a reader may set this text spacing; nothing may be lost.
// Set through the CSSOM, which the pages' CSP (style-src 'self') allows.
function spaceText() {
	for (const el of document.body.querySelectorAll('*')) {
		el.style.setProperty('line-height', '1.5', 'important');
		el.style.setProperty('letter-spacing', '0.12em', 'important');
		el.style.setProperty('word-spacing', '0.16em', 'important');
		if (el.tagName === 'P') el.style.setProperty('margin-bottom', '2em', 'important');
	}
}
const TIMEOUT = 30000;

// What makes the page scroll sideways, as short selectors, so the report
// says where to look: the outermost boxes that stick out past the right
// edge, and the elements whose own text runs past it (a long word or URL,
// a <pre>). Content inside a scrolling box does not count.
function findOverflow() {
	const vw = window.innerWidth + 0.5;
	const sel = (el) => {
		let s = el.tagName.toLowerCase();
		if (el.id) s += '#' + el.id;
		for (const c of el.classList) s += '.' + c;
		return s;
	};
	const scrolls = (el) => /^(auto|scroll|hidden|clip)$/.test(getComputedStyle(el).overflowX);
	const inScroller = (el) => {
		for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
			if (scrolls(p)) return true;
		}
		return false;
	};
	const reach = (el) => el.getBoundingClientRect().left + el.scrollWidth;
	const out = [];
	for (const el of document.body.querySelectorAll('*')) {
		const r = el.getBoundingClientRect();
		if (r.width === 0 && r.height === 0) continue;
		if (inScroller(el)) continue;
		let why = null;
		if (r.right > vw) {
			const p = el.parentElement;
			if (p && p !== document.body && p.getBoundingClientRect().right > vw) continue;
			why = `box ends at ${Math.round(r.right)}px`;
		} else if (!scrolls(el) && reach(el) > vw &&
		    ![...el.children].some((c) => (scrolls(c) ? c.getBoundingClientRect().right : reach(c)) > vw)) {
			why = `content runs to ${Math.round(reach(el))}px`;
		}
		if (!why) continue;
		out.push(`${sel(el)} (${why})`);
		if (out.length >= 5) break;
	}
	return out;
}

// Keep what a reader of the report needs; drop axe's long "passes" list.
function slim(results) {
	const node = (n) => ({
		target: n.target,
		html: n.html,
		impact: n.impact,
		failureSummary: n.failureSummary,
	});
	const rule = (r) => ({
		id: r.id,
		impact: r.impact,
		tags: r.tags,
		help: r.help,
		helpUrl: r.helpUrl,
		nodes: r.nodes.map(node),
	});
	return {
		violations: results.violations.map(rule),
		incomplete: results.incomplete.map(rule),
		passes: results.passes.length,
	};
}

// Check every page at one width, in a context of its own.
async function checkAt(browser, size) {
	const context = await browser.newContext({ viewport: size });
	const page = await context.newPage();
	page.setDefaultTimeout(TIMEOUT);
	const entries = [];
	let entry = null;
	// A page that cannot load its own files, or whose script fails, is not
	// what a reader sees: those are problems. Other console errors are notes.
	page.on('pageerror', (e) => entry && entry.problems.push('script error: ' + e.message));
	page.on('requestfailed', (r) => entry && entry.problems.push(
		`could not load ${r.url()}: ${(r.failure() || {}).errorText || '?'}`));
	page.on('console', (m) => {
		if (entry && m.type() === 'error' && !/^Failed to load resource/.test(m.text())) {
			entry.console.push(m.text());
		}
	});
	for (const file of files) {
		entry = { file, width: size.width, violations: [], incomplete: [], passes: 0, reflow: null, problems: [], console: [] };
		entries.push(entry);
		try {
			await page.setViewportSize(size);
			await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: 'load' });
			// Not addScriptTag: the pages' CSP (script-src 'self') blocks
			// inline scripts, and it should stay on so that a page whose own
			// CSP blocks its own files is caught. DevTools evaluation is not
			// subject to the page's CSP.
			await page.evaluate(axeSource);
			if (!(await page.evaluate(() => typeof window.axe === 'object'))) throw new Error('axe-core did not load');
			const results = await page.evaluate(
				(tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete'] }),
				TAGS);
			Object.assign(entry, slim(results));
			if (size.width === NARROW) {
				await page.setViewportSize({ width: REFLOW, height: size.height });
				await page.evaluate(spaceText);
				const r = await page.evaluate(() => ({
					scrollWidth: document.documentElement.scrollWidth,
					innerWidth: window.innerWidth,
				}));
				r.ok = r.scrollWidth <= r.innerWidth;
				if (!r.ok) r.offenders = await page.evaluate(findOverflow);
				entry.reflow = r;
			}
		} catch (e) {
			entry.failed = String(e && e.message || e).split('\n')[0];
		}
	}
	entry = null;
	await context.close();
	return entries;
}

async function main() {
	// file: pages are each their own origin; files: true lets axe read
	// the style sheets' rules (css-orientation-lock) without fetching them.
	const browser = await launch({ files: true });
	const report = {
		engine: `axe-core ${axeVersion}`,
		browser: `chromium ${browser.version()}`,
		widths: WIDTHS.map((w) => w.width),
		tags: TAGS,
		pages: [],
	};
	try {
		// Both widths at once: one browser, one tab each.
		const runs = await Promise.all(WIDTHS.map((size) => checkAt(browser, size)));
		for (const r of runs) report.pages.push(...r);
	} finally {
		await browser.close();
	}
	fs.writeFileSync(outFile, JSON.stringify(report, null, 1) + '\n');
	return report.pages.some((p) => p.failed) ? 1 : 0;
}

main().then((rc) => process.exit(rc), (e) => {
	console.error('axe-pages: ' + (e && e.stack || e));
	process.exit(1);
});
