/*
 * kindly: small helps that need a script.  Every page works fully
 * without it; this only shows what a script makes possible.
 */
(function () {
	"use strict";

	/* "Print this page": hidden in the page, shown where printing works. */
	if (typeof window.print !== "function")
		return;
	document.querySelectorAll(".print-action").forEach(function (li) {
		var button = li.querySelector("button");

		if (button === null)
			return;
		button.addEventListener("click", function () {
			window.print();
		});
		li.hidden = false;
	});
})();

/*
 * "Read this to me": the browser reads the main part of the page aloud
 * with its own voice (the Web Speech API), one sentence at a time, and
 * highlights the sentence it is reading.  Hidden in the page; shown only
 * where the browser can speak.  No live region: the speech itself, and
 * the buttons' own words, say what is happening; a screen reader talking
 * over the voice would not help.
 */
(function () {
	"use strict";

	var HIGHLIGHT = "kindly-reading";       /* ::highlight(kindly-reading) */
	var MARKED = "read-aloud-sentence";     /* the fallback: a class on the block */
	var ACTIVE = "read-aloud-active";
	var RATE = 0.9;                         /* a little slower than usual */
	/* Long sentences are read in parts (about 11 seconds each at this
	   rate): Chrome stops an utterance after about 15 seconds, and a part
	   is easier to follow too. */
	var LONGEST = 160;
	/* Pictures drawn in SVG say the same in words beside them. */
	var SKIP = "[hidden], [aria-hidden='true'], [data-no-read], .read-aloud, " +
		"script, style, noscript, template, textarea, select, button, svg";
	/* Words that end in "." but do not end a sentence. */
	var SHORT = ["Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Rev", "St", "Cllr",
		"No", "Tel", "e.g", "i.e", "eg", "ie", "vs", "approx"];
	/* ".", "!" or "?" (and any closing quote or bracket), then spaces and
	   a capital letter, perhaps after an opening quote or bracket. */
	var END = /[.!?]+["'\u201D\u2019)\]]*(?= +["'\u201C\u2018(\[]?[A-Z\u00C0-\u00D6\u00D8-\u00DE])/g;

	var synth = window.speechSynthesis;
	var main = document.getElementById("main");
	var box = document.querySelector(".read-aloud");

	if (!synth || typeof window.SpeechSynthesisUtterance !== "function" ||
	    main === null || box === null)
		return;

	var start = box.querySelector(".read-aloud-start");
	var pause = box.querySelector(".read-aloud-pause");
	var stop = box.querySelector(".read-aloud-stop");
	var sentences = [];
	var current = null;     /* the utterance being spoken, or null */
	var paused = false;
	var marked = null;      /* the fallback's highlighted block */
	var ranges = null;      /* true: CSS Custom Highlight API; false: the fallback */

	if (start === null || pause === null || stop === null)
		return;

	/* ---- What to read ---------------------------------------------- */

	var shownCache = null;
	var blockCache = null;

	/* Is el seen on screen?  Not hidden, aria-hidden, marked not to be
	   read, a control, or made invisible by the style sheet. */
	function shown(el) {
		var yes;

		if (shownCache.has(el))
			return shownCache.get(el);
		if (el.closest(SKIP) !== null)
			yes = false;
		else if (window.getComputedStyle(el).display === "contents")
			yes = el.parentElement === null || shown(el.parentElement);    /* it has no box of its own */
		else if (typeof el.checkVisibility === "function")
			yes = el.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true });
		else
			yes = el.getClientRects().length > 0 &&
				window.getComputedStyle(el).visibility !== "hidden";
		shownCache.set(el, yes);
		return yes;
	}

	/* The block a piece of text is in: its heading, paragraph, list
	   item, table cell, term, description, caption, or any other box the
	   style sheet puts on lines of its own (a date shown above its text,
	   the two ends of a scale).  What is in one block is read as one. */
	function blockOf(el) {
		var display;

		if (el === main || el.parentElement === null)
			return main;
		if (blockCache.has(el))
			return blockCache.get(el);
		display = window.getComputedStyle(el).display;
		blockCache.set(el, display.indexOf("inline") === 0 || display === "contents" ?
			blockOf(el.parentElement) : el);
		return blockCache.get(el);
	}

	/* One piece of text for each run of text in the same block, with
	   white space as it is shown (runs of it are one space), and for each
	   of its characters the text node and offset it came from. */
	function chunks() {
		var walk = document.createTreeWalker(main,
			NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
		var list = [];
		var chunk = null;
		var node;

		shownCache = new Map();
		blockCache = new Map();
		while ((node = walk.nextNode()) !== null) {
			var el = node.nodeType === 1 ? node : node.parentElement;
			var block;

			if (node.nodeType === 1 && node.tagName !== "BR")
				continue;
			if (!shown(el))
				continue;
			block = blockOf(el);
			if (chunk === null || chunk.block !== block) {
				chunk = { block: block, text: [], where: [] };
				list.push(chunk);
			}
			if (node.nodeType === 1)
				addSpace(chunk, node, 0);
			else
				addText(chunk, node);
		}
		shownCache = null;
		blockCache = null;
		return list.map(function (c) {
			while (c.text.length > 0 && c.text[c.text.length - 1] === " ") {
				c.text.pop();
				c.where.pop();
			}
			c.text = c.text.join("");
			return c;
		}).filter(function (c) {
			return c.text !== "";
		});
	}

	/* A space never starts or ends a sentence, so where it came from
	   does not matter much. */
	function addSpace(chunk, node, offset) {
		var n = chunk.text.length;

		if (n > 0 && chunk.text[n - 1] !== " ") {
			chunk.text.push(" ");
			chunk.where.push({ node: node, offset: offset });
		}
	}

	function addText(chunk, node) {
		var s = node.data;
		var i;

		for (i = 0; i < s.length; i++) {
			if (/\s/.test(s[i])) {
				addSpace(chunk, node, i);
			} else {
				chunk.text.push(s[i]);
				chunk.where.push({ node: node, offset: i });
			}
		}
	}

	/* Where each sentence of s ends: after its last character. */
	function sentenceEnds(s) {
		var ends = [];
		var m;

		END.lastIndex = 0;
		while ((m = END.exec(s)) !== null) {
			var word = /[A-Za-z][A-Za-z.]*$/.exec(s.slice(0, m.index));

			if (m[0][0] === "." && m[0].length === 1 && word !== null &&
			    (SHORT.indexOf(word[0]) >= 0 || /^[A-Z]$/.test(word[0])))
				continue;       /* "Mr. Shah", "e.g. Nan", "J. Smith" */
			ends.push(m.index + m[0].length);
		}
		ends.push(s.length);
		return ends;
	}

	/* A long sentence in parts, each ending at a comma, semicolon, colon
	   or dash where it can. */
	function parts(s, from, to) {
		var out = [];

		while (to - from > LONGEST) {
			var cut = -1;
			var re = /[,;:\u2013\u2014] /g;
			var m;

			re.lastIndex = from + 1;
			while ((m = re.exec(s)) !== null && m.index < from + LONGEST)
				cut = m.index + 1;
			if (cut < 0)
				break;
			out.push([from, cut]);
			from = cut + 1;
		}
		out.push([from, to]);
		return out;
	}

	/* The sentences of a chunk, each with where it starts and ends in
	   the chunk's text, without the spaces around it. */
	function split(chunk) {
		var s = chunk.text;
		var out = [];
		var from = 0;

		sentenceEnds(s).forEach(function (end) {
			parts(s, from, end).forEach(function (p) {
				var a = p[0];
				var b = p[1];

				while (a < b && s[a] === " ")
					a++;
				while (b > a && s[b - 1] === " ")
					b--;
				if (b > a)
					out.push({ chunk: chunk, start: a, end: b, text: s.slice(a, b) });
			});
			from = end;
		});
		return out;
	}

	/* Everything to read, in the order of the page. */
	function read() {
		var list = [];

		chunks().forEach(function (c) {
			list = list.concat(split(c));
		});
		return list;
	}

	/* ---- Highlighting ---------------------------------------------- */

	/* The look of ::highlight(kindly-reading), from the colours the theme
	   gives in kindly.css.  The rule is made here, not in kindly.css,
	   because the HTML checker's CSS parser rejects ::highlight().  A
	   constructed style sheet is not inline style: the page's CSP allows
	   it.  False where the browser cannot do this; then the fallback. */
	function highlightRule() {
		var root = window.getComputedStyle(document.documentElement);
		var back = root.getPropertyValue("--read-aloud-back").trim() || "#FFDD00";
		var ink = root.getPropertyValue("--read-aloud-ink").trim() || "#1F1A17";
		var sel = "::highlight(" + HIGHLIGHT + ")";
		var sheet;

		if (!(window.CSS && CSS.highlights && typeof window.Highlight === "function" &&
		    Array.isArray(document.adoptedStyleSheets)))
			return false;
		try {
			sheet = new CSSStyleSheet();
			sheet.replaceSync(sel + " { background-color: " + back + "; color: " + ink +
				"; text-decoration: underline 0.15em " + ink + "; }\n" +
				"@media (forced-colors: active) { " + sel +
				" { background-color: Highlight; color: HighlightText; } }\n" +
				"@media print { " + sel +
				" { background-color: transparent; color: inherit; text-decoration: none; } }");
			document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);
			return true;
		} catch (e) {
			return false;
		}
	}

	function rangeOf(sentence) {
		var where = sentence.chunk.where;
		var first = where[sentence.start];
		var last = where[sentence.end - 1];
		var range = document.createRange();

		range.setStart(first.node, first.offset);
		range.setEnd(last.node, last.offset + 1);
		return range;
	}

	function unmark() {
		if (ranges)
			CSS.highlights.delete(HIGHLIGHT);
		if (marked !== null)
			marked.classList.remove(MARKED);
		marked = null;
	}

	function mark(sentence) {
		var range = rangeOf(sentence);

		unmark();
		if (ranges === null)
			ranges = highlightRule();
		if (ranges) {
			CSS.highlights.set(HIGHLIGHT, new window.Highlight(range));
		} else {
			marked = sentence.chunk.block;
			marked.classList.add(MARKED);
		}
		reveal(range);
	}

	/* Scroll the sentence into view if it is not all on screen, to a
	   third of the way down; at once if the reader asks for less motion. */
	function reveal(range) {
		var r = range.getBoundingClientRect();
		var bottom = window.innerHeight;
		var still = window.matchMedia &&
			window.matchMedia("(prefers-reduced-motion: reduce)").matches;

		/* The buttons float at the bottom while reading (see kindly.css). */
		if (window.getComputedStyle(box).position === "fixed")
			bottom -= box.getBoundingClientRect().height;
		if (r.top >= 0 && r.bottom <= bottom)
			return;
		window.scrollBy({ top: r.top - window.innerHeight / 3,
			behavior: still ? "auto" : "smooth" });
	}

	/* ---- Speaking -------------------------------------------------- */

	function langOf(el) {
		var withLang = el.closest("[lang]");

		return withLang !== null ? withLang.lang : document.documentElement.lang;
	}

	function speak(i) {
		var sentence = sentences[i];
		var u;

		if (sentence === undefined) {
			finish();
			return;
		}
		u = new window.SpeechSynthesisUtterance(sentence.text);
		u.lang = langOf(sentence.chunk.block);
		u.rate = RATE;
		/* Events of an utterance that was stopped are not ours to act on.
		   Keeping it in 'current' also keeps it alive: Chrome can lose
		   an utterance to garbage collection and never say it ended. */
		u.onend = function () {
			if (u === current)
				speak(i + 1);
		};
		u.onerror = function () {
			if (u === current)
				finish();
		};
		current = u;
		mark(sentence);
		synth.speak(u);
	}

	/* ---- The buttons ----------------------------------------------- */

	function show(reading) {
		var focusWasHere = box.contains(document.activeElement);

		start.hidden = reading;
		pause.hidden = !reading;
		stop.hidden = !reading;
		box.classList.toggle(ACTIVE, reading);
		document.documentElement.classList.toggle(ACTIVE, reading);
		/* Focus stays on the buttons: the one pressed is hidden now. */
		if (focusWasHere)
			(reading ? pause : start).focus();
	}

	function label(isPaused) {
		paused = isPaused;
		pause.textContent = box.getAttribute(isPaused ? "data-resume" : "data-pause") ||
			pause.textContent;
	}

	function begin() {
		sentences = read();
		if (sentences.length === 0)
			return;
		/* Anything left from before (another page, or a Chrome that kept
		   its pause after a stop) would hold up the first sentence. */
		if (synth.speaking || synth.pending)
			synth.cancel();
		if (synth.paused)
			synth.resume();
		label(false);
		show(true);
		speak(0);
	}

	function finish() {
		current = null;
		unmark();
		label(false);
		show(false);
	}

	function halt() {
		var wasReading = current !== null;

		finish();
		if (wasReading)
			synth.cancel();
	}

	start.addEventListener("click", begin);
	pause.addEventListener("click", function () {
		if (current === null)
			return;
		if (paused)
			synth.resume();
		else
			synth.pause();
		label(!paused);
	});
	stop.addEventListener("click", halt);
	/* Leaving the page: stop talking. */
	window.addEventListener("pagehide", halt);
	box.hidden = false;
})();
