# lines.awk: the YAML lines of a file that hold a value, one a line:
# "LINE<TAB>PATH<TAB>WHAT", where WHAT is "scalar" (text on the line) or
# "block" (a map, a list or a '|' text under it, or nothing).  In a
# Markdown file (md=1) only the front matter is read.  PATH is the
# field's place, with list items as "[]", the ids of people, staff,
# agencies, terms and a kind's fields as "*", and the versions of a
# text (child:, parent:, at-10:) as "<v>", so that what repeats for
# each entry can be tried once.  A line is a key ("key: value",
# "- key: value") or an item of a list ("- value").
function indent(s) { match(s, /^ */); return RLENGTH }
function path(   i, p) {
	p = ""
	for (i = 1; i <= n; i++)
		p = p (i > 1 ? "." : "") name[i]
	return p
}
function push(col, key) {
	while (n > 0 && col <= ind[n])
		n--
	n++
	ind[n] = col
	name[n] = key
}
BEGIN { n = 0; block = -1; fm = md ? 0 : 1 }
md && NR == 1 && /^---$/ { fm = 1; next }
md && fm && /^---$/ { exit }
!fm { next }
{
	col = indent($0)
	if (block >= 0 && (col > block || $0 ~ /^ *$/))
		next # inside a '|' or '>' text
	block = -1
}
/^ *(#|$)/ { next }
{
	line = $0
	dash = 0
	if (match(line, /^ *- /)) {
		push(col, "[]")
		dash = 1
		col = RLENGTH
		line = substr(line, RLENGTH + 1)
		while (line ~ /^ /) { line = substr(line, 2); col++ }
	} else if (line ~ /^ *-$/) {
		push(col, "[]")
		print NR "\t" path() "\tblock"
		next
	} else
		line = substr(line, col + 1)
	if (match(line, /^[A-Za-z0-9_-]+:( |$)/)) {
		key = substr(line, 1, index(line, ":") - 1)
		value = substr(line, RLENGTH + 1)
		sub(/^ +/, "", value)
		push(col, key)
		if ((file ~ /staff/ && n == 1) || ((name[n - 1] == "people" ||
		    name[n - 1] == "agencies" || name[n - 1] == "terms" ||
		    name[n - 1] == "fields") && n >= 2))
			name[n] = "*"
		else if (key ~ /^(child|young-person|parent|carer|family|other|record|at-[0-9]+)$/)
			name[n] = "<v>"
		if (value == "" || value ~ /^[|>]/) {
			if (value ~ /^[|>]/)
				block = col
			print NR "\t" path() "\tblock"
		} else
			print NR "\t" path() "\tscalar"
		next
	}
	if (dash)
		print NR "\t" path() "\tscalar"
}
