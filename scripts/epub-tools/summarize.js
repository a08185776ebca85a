#!/usr/bin/env node
// Summarize one book's EPUBCheck and Ace reports for scripts/epub-tools.sh.
// usage: summarize.js BOOK REPORT_DIR EPUBCHECK_SECONDS ACE_SECONDS
// Prints a status line, one line per message, and a last line
// "counts ok|FAIL ERRORS WARNINGS VIOLATIONS TOOLS_NOT_RUN" for the caller.
'use strict';
const fs = require('fs');
const path = require('path');

const [book, dir, ecSecs, aceSecs] = process.argv.slice(2);
const lines = [];
const problems = []; // tools that did not run
const tail = (file) => {
	try {
		const t = fs.readFileSync(file, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
		const all = t.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter((l) => l && !/^Re-run Ace/.test(l));
		const errs = all.filter((l) => /^(error|fatal|exception)\b|Error:/i.test(l));
		return (errs.length ? errs : all).slice(-2).join(' | ') || 'no output';
	} catch (e) {
		return 'no log';
	}
};
const readJSON = (file) => {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (e) {
		return null;
	}
};
const oneLine = (s) => String(s || '').split('\n')[0].trim();

// EPUBCheck: messages[] with severity, ID, message, locations[], suggestion.
let fatals = 0, errors = 0, warnings = 0, infos = 0;
const ec = readJSON(path.join(dir, 'epubcheck.json'));
if (!ec || !Array.isArray(ec.messages)) {
	problems.push('epubcheck did not run: ' + tail(path.join(dir, 'epubcheck.log')));
} else {
	for (const m of ec.messages) {
		const sev = m.severity;
		if (sev === 'FATAL') fatals++;
		else if (sev === 'ERROR') errors++;
		else if (sev === 'WARNING') warnings++;
		else if (sev === 'INFO') infos++;
		else continue; // USAGE: feature notes, not problems
		const locs = m.locations || [];
		let where = '';
		if (locs.length) {
			const l = locs[0];
			where = l.path || '';
			if (l.line > 0) where += ':' + l.line + (l.column > 0 ? ':' + l.column : '');
			const more = locs.length - 1 + (m.additionalLocations || 0);
			if (more > 0) where += ' (+' + more + ' more)';
			where += ': ';
		}
		lines.push(`${book}: ${sev}(${m.ID}): ${where}${m.message.replace(/\s*\n\s*/g, ' ')}`);
		if (m.suggestion) lines.push(`    fix: ${oneLine(m.suggestion)}`);
	}
}

// Ace: assertions[] per document, each with assertions[] per rule result.
let violations = 0;
const ace = readJSON(path.join(dir, 'ace', 'report.json'));
if (!ace || !Array.isArray(ace.assertions)) {
	problems.push('ace did not run: ' + tail(path.join(dir, 'ace.log')));
} else {
	for (const doc of ace.assertions) {
		const url = (doc['earl:testSubject'] || {}).url || '?';
		for (const a of doc.assertions || []) {
			const r = a['earl:result'] || {};
			if (r['earl:outcome'] !== 'fail') continue;
			violations++;
			const t = a['earl:test'] || {};
			const p = r['earl:pointer'] || {};
			let where = url;
			if (p.css && p.css.length) where += ' ' + p.css.join(', ');
			if (p.cfi && p.cfi.length) where += ' (cfi ' + p.cfi.join(', ') + ')';
			const why = oneLine(r['dct:description']) || oneLine(t['dct:description']);
			lines.push(`${book}: ACE(${t['dct:title']}, ${t['earl:impact']}): ${where}: ${why}`);
			const h = t.help || {};
			if (h['dct:description'] || h.url) {
				lines.push(`    fix: ${[h['dct:description'], h.url].filter(Boolean).join('; ')}`);
			}
		}
	}
}

const ok = problems.length === 0 && fatals + errors + warnings + violations === 0;
const ecPart = !ec || !Array.isArray(ec.messages) ? 'epubcheck did not run' :
	'epubcheck ' + (fatals ? `${fatals} fatal ` : '') +
	`${errors} errors ${warnings} warnings` + (infos ? ` ${infos} infos` : '');
const acePart = !ace || !Array.isArray(ace.assertions) ? 'ace did not run' :
	`ace ${violations} violations`;
const status = `${ok ? 'ok ' : 'FAIL'} ${book}  ${ecPart}, ${acePart}  (${ecSecs}s + ${aceSecs}s)`;
console.log(status);
for (const p of problems) console.log(`${book}: ${p}`);
for (const l of lines) console.log(l);
if (!ok) {
	const pick = (...f) => f.map((x) => path.join(dir, x)).find((x) => fs.existsSync(x));
	const files = [pick('epubcheck.json', 'epubcheck.log'), pick('ace/report.html', 'ace.log')];
	console.log(`    reports: ${files.filter(Boolean).join(' ')}`);
}
console.log(`counts ${ok ? 'ok' : 'FAIL'} ${fatals + errors} ${warnings} ${violations} ${problems.length}`);
