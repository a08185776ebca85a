#!/usr/bin/env node
// Check "Read this to me" (assets/kindly.js) on document pages in one
// headless Chromium, for scripts/page-tools.sh.
// usage: read-aloud-test.js PAGE.html...
// The browser's speech is replaced by a fake that records what it is asked
// to say and lets the test end each sentence, so nothing is spoken and the
// test does not depend on the machine's voices. Prints one line per check
// (ok or FAIL) and a total; exits 1 on any failure.
'use strict';
const path = require('path');
const { pathToFileURL } = require('url');
const { launch } = require('./browser');

const pages = process.argv.slice(2);
if (pages.length === 0) {
	console.error('usage: read-aloud-test.js PAGE.html...');
	process.exit(2);
}
const TIMEOUT = 15000;
const START = '.read-aloud-start';
const PAUSE = '.read-aloud-pause';
const STOP = '.read-aloud-stop';
const HIGHLIGHT = 'kindly-reading';
const MARKED = '.read-aloud-sentence';

let failed = 0;
let checks = 0;
function report(ok, what, why) {
	checks++;
	if (!ok) failed++;
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${!ok && why ? `: ${why}` : ''}`);
}

// Runs in the page before its scripts: a speechSynthesis that records
// utterances and calls, and window.__speech to drive it. cancel() ends the
// utterance being spoken the way browsers do (an error, then an end), so a
// script that moves on after a stop is caught.
function fakeSpeech() {
	const log = { utterances: [], calls: [] };
	class FakeUtterance extends EventTarget {
		constructor(text) {
			super();
			this.text = String(text === undefined ? '' : text);
			this.lang = '';
			this.rate = 1;
			this.pitch = 1;
			this.volume = 1;
			this.voice = null;
		}
	}
	const fire = (u, type, extra) => {
		const e = new Event(type);
		Object.assign(e, extra || {});
		u.dispatchEvent(e);
		if (typeof u['on' + type] === 'function') u['on' + type](e);
	};
	const synth = {
		speaking: false,
		pending: false,
		paused: false,
		onvoiceschanged: null,
		speak(u) {
			log.calls.push('speak');
			log.utterances.push(u);
			this.speaking = true;
		},
		pause() { log.calls.push('pause'); this.paused = true; },
		resume() { log.calls.push('resume'); this.paused = false; },
		cancel() {
			log.calls.push('cancel');
			const u = log.utterances[log.utterances.length - 1];
			this.speaking = false;
			if (u) setTimeout(() => { fire(u, 'error', { error: 'interrupted' }); fire(u, 'end'); }, 0);
		},
		getVoices() { return []; },
		addEventListener() {},
		removeEventListener() {},
	};
	Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true, writable: true });
	Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: FakeUtterance, configurable: true, writable: true });
	window.__speech = {
		count: () => log.utterances.length,
		texts: () => log.utterances.map((u) => u.text),
		last: () => {
			const u = log.utterances[log.utterances.length - 1];
			return u ? { text: u.text, lang: u.lang, rate: u.rate } : null;
		},
		calls: () => log.calls.slice(),
		// Fire start and end on the newest utterance: it has been said.
		// Its end handler may speak the next one.
		finish: () => {
			const u = log.utterances[log.utterances.length - 1];
			fire(u, 'start');
			synth.speaking = false;
			fire(u, 'end');
		},
	};
}

function noSpeech() {
	delete window.speechSynthesis;
	delete window.SpeechSynthesisUtterance;
}

function noHighlightApi() {
	delete CSS.highlights;
	delete window.Highlight;
}

// In the page: what is highlighted now, as text (whitespace as shown).
function highlighted(args) {
	const [name, marked] = args;
	const norm = (s) => s.replace(/\s+/g, ' ').trim();
	const h = window.CSS && CSS.highlights && CSS.highlights.get(name);
	const ranges = h ? [...h].map((r) => r.toString()) : [];
	const blocks = [...document.querySelectorAll(marked)].map((el) => norm(el.textContent));
	return {
		ranges: ranges.map(norm),
		raw: ranges,
		blocks,
	};
}

// In the page: the text a reader sees in #main, block by block, in order:
// the innermost headings, paragraphs, list items, cells, terms and
// descriptions, captions; leaving out the controls, anything hidden or
// marked data-no-read, and pictures drawn in SVG. Also all the text of
// #main without those parts (as one string), how many such parts there
// are, and the h1.
function mainText() {
	const BLOCK = 'h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, caption, figcaption';
	const norm = (s) => s.replace(/\s+/g, ' ').trim();
	// Text as read: a line break is a space.
	const text = (el) => {
		const copy = el.cloneNode(true);
		copy.querySelectorAll('br').forEach((br) => br.replaceWith(' '));
		return norm(copy.textContent);
	};
	const main = document.getElementById('main');
	const skipped = (el) => el.closest('[hidden], [aria-hidden="true"], [data-no-read], .read-aloud, svg') !== null ||
		!el.checkVisibility({ visibilityProperty: true });
	const leaves = [...main.querySelectorAll(BLOCK)].filter((el) => el.querySelector(BLOCK) === null);
	const shown = leaves.filter((el) => !skipped(el)).map(text).filter(Boolean);
	const hidden = [...main.querySelectorAll('*')]
		.filter((el) => skipped(el) && !(el.parentElement && skipped(el.parentElement)) && norm(el.textContent));
	hidden.forEach((el) => el.setAttribute('data-test-hidden', ''));
	const copy = main.cloneNode(true);
	hidden.forEach((el) => el.removeAttribute('data-test-hidden'));
	copy.querySelectorAll('[data-test-hidden]').forEach((el) => el.remove());
	const h1 = document.querySelector('#main h1');
	return {
		shown,
		visible: text(copy),
		hidden: hidden.length,
		h1: h1 ? norm(h1.textContent) : null,
		lang: document.documentElement.lang,
		labels: {
			start: norm(document.querySelector('.read-aloud-start').textContent),
			pause: document.querySelector('.read-aloud').getAttribute('data-pause'),
			resume: document.querySelector('.read-aloud').getAttribute('data-resume'),
		},
	};
}

const short = (s) => JSON.stringify(s && s.length > 60 ? s.slice(0, 57) + '...' : s);

async function open(browser, file, options, init) {
	const context = await browser.newContext(Object.assign({ viewport: { width: 1280, height: 800 } }, options));
	const page = await context.newPage();
	page.setDefaultTimeout(TIMEOUT);
	page.errors = [];
	page.on('pageerror', (e) => page.errors.push(e.message));
	for (const f of init || []) await page.addInitScript(f);
	await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: 'load' });
	return { context, page };
}

const visible = (page, sel) => page.locator(sel).isVisible();
const speech = (page, what) => page.evaluate(`window.__speech.${what}()`);
const finish = (page) => page.evaluate(() => window.__speech.finish());
const shownNow = (page) => page.evaluate(highlighted, [HIGHLIGHT, MARKED]);
const focusedClass = (page) => page.evaluate(() => (document.activeElement && document.activeElement.className) || '');

// Is exactly this sentence highlighted, with no space around it?
async function highlightIs(page, text) {
	const h = await shownNow(page);
	if (h.ranges.length === 1 && h.ranges[0] === text && h.raw[0] === h.raw[0].trim()) return null;
	return `highlight is ${JSON.stringify(h.raw)}${h.blocks.length ? `, marked ${JSON.stringify(h.blocks)}` : ''}, not ${short(text)}`;
}

// The blocks whose text is not read as whole sentences of their own, in
// order: each block must be one or more sentences in a row, the next
// after the last block's.
function uncovered(blocks, texts) {
	const missing = [];
	let k = 0;
	for (const t of blocks) {
		let found = false;
		for (let i = k; i < texts.length && !found; i++) {
			if (!t.startsWith(texts[i])) continue;
			let said = texts[i];
			let j = i;
			while (said.length < t.length && j + 1 < texts.length) said += ' ' + texts[++j];
			if (said === t) {
				found = true;
				k = j + 1;
			}
		}
		if (!found) missing.push(t);
	}
	return missing;
}

// Run one check: fn returns null when it passes, or why it failed; a
// check that throws fails with the error.
async function check(what, fn) {
	let why;
	try {
		why = await fn();
	} catch (e) {
		why = String(e && e.message || e).split('\n')[0];
	}
	report(!why, typeof what === 'function' ? what() : what, why);
}

async function checkPage(browser, file) {
	console.log(`read-aloud: ${file}`);
	const { context, page } = await open(browser, file, {}, [fakeSpeech]);
	const want = await page.evaluate(mainText);
	const labels = want.labels;
	let texts = [];          // what has been said since the last click
	let spokenBefore = 0;
	const said = async () => (await speech(page, 'texts')).slice(spokenBefore);
	const click = async (sel) => {
		if (sel === START) spokenBefore = await speech(page, 'count');
		await page.click(sel);
	};

	await check(`1 with speech synthesis the button shows ("${labels.start}"), Pause and Stop do not`, async () =>
		await visible(page, START) && !(await visible(page, PAUSE)) && !(await visible(page, STOP)) ? null
			: 'the buttons are not as they should be');

	await check('2 without speech synthesis the button stays hidden', async () => {
		const other = await open(browser, file, {}, [noSpeech]);
		try {
			if (await visible(other.page, START) || await visible(other.page, '.read-aloud')) return 'the button shows';
			if (!(await visible(other.page, '.print-button'))) return 'the print button is hidden too: did kindly.js run?';
			return other.page.errors[0] || null;
		} finally {
			await other.context.close();
		}
	});

	await check('3 without JavaScript the button stays hidden', async () => {
		const other = await open(browser, file, { javaScriptEnabled: false });
		try {
			return await visible(other.page, START) || await visible(other.page, '.read-aloud') ? 'the button shows' : null;
		} finally {
			await other.context.close();
		}
	});

	let first = null;
	await check(() => `4 clicking it speaks the first sentence (${short(first)}) and highlights exactly it`, async () => {
		await click(START);
		texts = await said();
		const u = await speech(page, 'last');
		first = u && u.text;
		const block = want.shown[0] || '';
		if (texts.length !== 1) return `${texts.length} utterances spoken, not 1`;
		if (!u.text || !block.startsWith(u.text)) return `spoke ${short(u.text)}, not the start of ${short(block)}`;
		if (u.lang !== want.lang) return `lang ${JSON.stringify(u.lang)}, not ${JSON.stringify(want.lang)}`;
		if (!(u.rate >= 0.8 && u.rate <= 1)) return `rate ${u.rate}`;
		return highlightIs(page, u.text);
	});

	let next = null;
	await check(() => `5 'end' moves to the next sentence (${short(next)}) and on to the h1, each highlighted exactly`, async () => {
		await finish(page);
		texts = await said();
		next = texts[1];
		if (texts.length !== 2) return `${texts.length} utterances after the first ended, not 2`;
		if (next === first) return 'the same sentence again';
		const why = await highlightIs(page, next);
		if (why || !want.h1) return why;
		for (let i = 0; texts[texts.length - 1] !== want.h1 && i < 20; i++) {
			await finish(page);
			texts = await said();
		}
		return texts[texts.length - 1] !== want.h1 ? `the h1 ${short(want.h1)} was not spoken as a sentence`
			: highlightIs(page, want.h1);
	});
	// Focus: on Pause now that "Read this to me" is hidden (reported in 10).
	const focusStart = await focusedClass(page);

	let pausedLabel = null;
	let resumedLabel = null;
	await check(() => `6 Pause calls pause() and says ${JSON.stringify(pausedLabel)}; that calls resume() and says ${JSON.stringify(resumedLabel)}`, async () => {
		await click(PAUSE);
		const calls = await speech(page, 'calls');
		pausedLabel = (await page.locator(PAUSE).textContent()).trim();
		await click(PAUSE);
		const calls2 = await speech(page, 'calls');
		resumedLabel = (await page.locator(PAUSE).textContent()).trim();
		if (calls[calls.length - 1] !== 'pause') return `Pause did not call pause() (calls: ${calls.slice(-3)})`;
		if (pausedLabel !== labels.resume) return `paused, the button says ${JSON.stringify(pausedLabel)}, not ${JSON.stringify(labels.resume)}`;
		if (calls2[calls2.length - 1] !== 'resume') return `${JSON.stringify(labels.resume)} did not call resume() (calls: ${calls2.slice(-3)})`;
		if (resumedLabel !== labels.pause) return `after resuming, the button says ${JSON.stringify(resumedLabel)}, not ${JSON.stringify(labels.pause)}`;
		return null;
	});

	let focusStop = '';
	await check('7 Stop calls cancel() and removes the highlight; nothing more is said', async () => {
		const before = await speech(page, 'count');
		const c0 = (await speech(page, 'calls')).length;
		await click(STOP);
		await page.waitForTimeout(100); // the fake's cancel events come after a tick
		focusStop = await focusedClass(page);
		const h = await shownNow(page);
		if (!(await speech(page, 'calls')).slice(c0).includes('cancel')) return 'Stop did not call cancel()';
		if (h.ranges.length || h.blocks.length) return `still highlighted: ${JSON.stringify(h.raw.concat(h.blocks))}`;
		if ((await speech(page, 'count')) !== before) return 'spoke again after Stop';
		if (!(await visible(page, START)) || await visible(page, PAUSE) || await visible(page, STOP)) return 'the buttons did not go back';
		return null;
	});

	await check(() => `8 the ${texts.length} sentences read cover all ${want.shown.length} blocks of the main text, in order`, async () => {
		await click(START);
		for (let i = 0; i < 5000; i++) {
			const n = await speech(page, 'count');
			await finish(page);
			if ((await speech(page, 'count')) === n) break;
		}
		texts = await said();
		const missing = uncovered(want.shown, texts);
		const end = await shownNow(page);
		if (missing.length) return `${missing.length} of ${want.shown.length} blocks not read as sentences of their own, in order; first ${short(missing[0])}`;
		if (end.ranges.length || end.blocks.length) return 'still highlighted after the last sentence';
		if (!(await visible(page, START))) return 'the button did not come back after the last sentence';
		return null;
	});

	await check(`9 every sentence read is visible text; none of the ${want.hidden} hidden, data-no-read or control parts is read`, async () => {
		const leaked = texts.filter((t) => !want.visible.includes(t.replace(/\s+/g, ' ')));
		return leaked.length ? `read ${short(leaked[0])}` : null;
	});

	await check('10 focus moves to Pause when reading starts, and back to the button after Stop', async () =>
		!/read-aloud-pause/.test(focusStart) ? `when reading starts, focus is on ${JSON.stringify(focusStart)}, not Pause`
			: !/read-aloud-start/.test(focusStop) ? `after Stop, focus is on ${JSON.stringify(focusStop)}, not ${JSON.stringify(labels.start)}` : null);

	await check('11 pagehide cancels the speech', async () => {
		await click(START);
		const c0 = (await speech(page, 'calls')).length;
		await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false })));
		const calls = (await speech(page, 'calls')).slice(c0);
		return calls.includes('cancel') ? null : `calls: ${calls.join(', ') || 'none'}`;
	});
	const errors = page.errors.slice();
	await context.close();

	await check(`12 without CSS.highlights the sentence's block is marked (${MARKED}) instead`, async () => {
		const other = await open(browser, file, {}, [fakeSpeech, noHighlightApi]);
		try {
			await other.page.click(START);
			const u = await speech(other.page, 'last');
			const m = await shownNow(other.page);
			if (!u) return 'nothing spoken';
			if (m.blocks.length !== 1) return `${m.blocks.length} blocks marked`;
			if (!m.blocks[0].includes(u.text)) return `marked ${short(m.blocks[0])}, which is not where ${short(u.text)} is`;
			await other.page.click(STOP);
			if ((await other.page.locator(MARKED).count()) !== 0) return 'still marked after Stop';
			return other.page.errors[0] || null;
		} finally {
			await other.context.close();
		}
	});

	await check('13 no script errors', async () => errors[0] || null);
}

async function main() {
	const browser = await launch();
	try {
		for (const file of pages) {
			try {
				await checkPage(browser, file);
			} catch (e) {
				report(false, `${file} could not be checked`, String(e && e.message || e).split('\n')[0]);
			}
		}
	} finally {
		await browser.close();
	}
	console.log(`read-aloud: ${pages.length} page${pages.length === 1 ? '' : 's'}, ${checks} checks, ${checks - failed} ok, ${failed} failed`);
	return failed ? 1 : 0;
}

main().then((rc) => process.exit(rc), (e) => {
	console.error('read-aloud-test: ' + (e && e.stack || e));
	process.exit(1);
});
