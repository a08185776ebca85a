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
