#!/usr/bin/env node
// Summarize the Nu HTML Checker and axe reports for scripts/page-tools.sh.
// usage: summarize.js DIR LIST REPORT_DIR
// DIR is the folder checked; LIST holds its pages, one a line, as the caller
// names them. REPORT_DIR holds vnu.json (+ vnu.log) and axe.json (+ axe.log).
// Prints one line per message, then a last line
// "counts ok|FAIL VNU_ERRORS VNU_WARNINGS AXE_VIOLATIONS AXE_REVIEW TOOLS_NOT_RUN"
// for the caller.
'use strict';
const fs = require('fs');
const path = require('path');
const { fileURLToPath } = require('url');

const [top, listFile, dir] = process.argv.slice(2);
const files = fs.readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
const lines = [];
const problems = []; // tools that did not run, pages that could not be checked

const readJSON = (file) => {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (e) {
		return null;
	}
};
const tail = (file) => {
	try {
		const t = fs.readFileSync(file, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
		const all = t.split('\n').map((l) => l.trim()).filter(Boolean);
		const own = all.filter((l) => /^axe-pages:/.test(l));
		if (own.length) return own[0];
		const errs = all.filter((l) => /error|exception/i.test(l));
		return (errs.length ? errs : all).slice(-2).join(' | ') || 'no output';
	} catch (e) {
		return 'no log';
	}
};
const oneLine = (s) => String(s || '').replace(/\s+/g, ' ').trim();

// vnu names files by file: URL; print them as the caller named them.
const byAbs = new Map(files.map((f) => [path.resolve(f), f]));
const name = (url) => {
	if (!url) return '(no file)';
	try {
		const abs = fileURLToPath(url.replace(/^file:(?!\/\/)/, 'file://'));
		return byAbs.get(abs) || top.replace(/\/+$/, '') + '/' + path.relative(path.resolve(top), abs);
	} catch (e) {
		return url;
	}
};

// ---- Nu HTML Checker -------------------------------------------------------
// messages[]: type error | non-document-error | info (subType warning, or a
// plain note), url, firstLine/lastLine, firstColumn, message, extract.
// vnu gives file: pages an opaque origin, so 'self' in their CSP matches
// nothing and it warns that every style sheet, script and image is blocked.
// Chromium enforces the same CSP below and reports what it really blocks.
const fileCsp = (m) => /^file:/.test(m.url || '') &&
	/^Resource violates Content Security Policy/.test(m.message || '');
let vErrors = 0, vWarnings = 0, vNotes = 0;
const vnu = readJSON(path.join(dir, 'vnu.json'));
if (!vnu || !Array.isArray(vnu.messages)) {
	problems.push('vnu did not run: ' + tail(path.join(dir, 'vnu.log')));
} else {
	for (const m of vnu.messages) {
		let kind;
		if (m.type === 'error' || m.type === 'non-document-error') {
			vErrors++;
			kind = m.type === 'error' ? 'error' : 'error (' + (m.subType || 'non-document') + ')';
		} else if (m.type === 'info' && m.subType === 'warning' && !fileCsp(m)) {
			vWarnings++;
			kind = 'warning';
		} else {
			vNotes++; // notes ("trailing slash on void elements"), file: CSP
			continue;
		}
		const line = m.firstLine || m.lastLine;
		let where = name(m.url);
		if (line) where += ':' + line + (m.firstColumn ? ':' + m.firstColumn : '');
		lines.push(`${where}: vnu ${kind}: ${oneLine(m.message)}`);
	}
}

// ---- axe -------------------------------------------------------------------
// pages[]: one entry per page and width. Print page by page, in LIST order.
let aViolations = 0, aReview = 0;
const axe = readJSON(path.join(dir, 'axe.json'));
if (!axe || !Array.isArray(axe.pages)) {
	problems.push('axe did not run: ' + tail(path.join(dir, 'axe.log')));
} else {
	const widths = axe.widths || [];
	const byKey = new Map(axe.pages.map((p) => [p.file + ' ' + p.width, p]));
	for (const f of files) {
		// Load problems and console errors are the same at every width: once.
		const loads = new Set(), notes = new Set();
		for (const w of widths) {
			const p = byKey.get(f + ' ' + w);
			if (!p) continue;
			for (const e of p.problems || []) loads.add(oneLine(e));
			for (const e of p.console || []) notes.add(oneLine(e));
		}
		for (const e of loads) problems.push(`${f}: page did not load fully: ${e}`);
		for (const e of notes) lines.push(`${f}: browser console: ${e}`);
		for (const w of widths) {
			const p = byKey.get(f + ' ' + w);
			const at = `${f} (${w})`;
			if (!p) {
				problems.push(`${at}: not checked by axe`);
				continue;
			}
			if (p.failed) problems.push(`${at}: not checked: ${oneLine(p.failed)}`);
			for (const v of p.violations || []) {
				for (const n of v.nodes) {
					aViolations++;
					const target = (n.target || []).map((t) => [].concat(t).join(' >> ')).join(', ');
					lines.push(`${at}: ${v.id} [${n.impact || v.impact || '?'}] ${target}: ${oneLine(v.help)}`);
				}
			}
			for (const v of p.incomplete || []) aReview += v.nodes.length;
			if (p.reflow && !p.reflow.ok) {
				aViolations++;
				const what = (p.reflow.offenders || []).join(', ') || 'html';
				lines.push(`${f} (${p.reflow.innerWidth}, text spaced): reflow [serious] ${what}: ` +
					'Page must not scroll sideways ' +
					`(scrollWidth ${p.reflow.scrollWidth}px > ${p.reflow.innerWidth}px viewport)`);
			}
		}
	}
}

for (const l of lines) console.log(l);
for (const p of problems) console.log('FAIL ' + p);
if (vNotes) console.log(`page-tools: (${vNotes} vnu notes and file: CSP warnings not shown; see ${path.join(dir, 'vnu.json')})`);
if (aReview) console.log(`page-tools: (${aReview} axe results need a person to review; see ${path.join(dir, 'axe.json')} "incomplete")`);
const ok = !problems.length && vErrors === 0 && aViolations === 0;
console.log(`counts ${ok ? 'ok' : 'FAIL'} ${vErrors} ${vWarnings} ${aViolations} ${aReview} ${problems.length}`);
