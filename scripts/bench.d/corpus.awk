# corpus.awk: the benchmark's documents, the same bytes every time.
# awk -v out=DIR -v n=N -v per=P -v target=WORDS -v shape=html|book
# writes a kindly site in DIR/kindly (N letters, P to a family; with
# shape=book, one family and one reader, for the one-book race) and the
# same bodies as a Hugo site's content in DIR/hugo/letters and as plain
# Markdown (no front matter) in DIR/md, for pandoc and cmark.
# The random words are a Park-Miller generator whose products stay
# below 2^53, so mawk and gawk give identical bytes.
function rnd(k) { seed = (seed * 16807) % 2147483647; return int(seed / 2147483647 * k) }
function pick(arr, cnt) { return arr[rnd(cnt) + 1] }
function sentence(   len, s, w, j) {
	len = 6 + rnd(9); s = ""
	for (j = 1; j <= len; j++) {
		w = pick(V, nv)
		if (j == 1) w = toupper(substr(w, 1, 1)) substr(w, 2)
		else if (rnd(40) == 0) w = "*" w "*"
		else if (rnd(60) == 0) w = "**" w "**"
		s = s (j > 1 ? " " : "") w
	}
	cnt += len
	return s (rnd(8) == 0 ? "?" : ".")
}
# The body of one letter to 'name'.
function body(name,   b, h, p, ns, nl, k, sec) {
	b = "Dear " name ",\n\n"
	cnt = 0; sec = 0
	while (cnt < target) {
		if (cnt == 0 || rnd(3) == 0) {
			h = HEAD[(sec++ % nh) + 1]; cnt += split(h, tmp, " ")
			b = b "## " h "\n\n"
		}
		p = ""
		ns = 2 + rnd(3)
		for (k = 1; k <= ns; k++) p = p (k > 1 ? " " : "") sentence()
		b = b p "\n\n"
		if (rnd(3) == 0) {
			nl = 2 + rnd(3)
			for (k = 1; k <= nl; k++) b = b "- " sentence() "\n"
			b = b "\n"
		}
		if (rnd(6) == 0) {
			cnt += 6
			b = b sprintf("See [the %s page](https://www.riverford.gov.example/help/%s) for more.\n\n", pick(V, nv), pick(TAGS, nt))
		}
	}
	return b "With best wishes,\n\nPriya Shah\n"
}
function family(c, name, age,   d) {
	d = sprintf("%s/kindly/cases/family-%05d", out, c)
	system("mkdir -p " d)
	f = d "/case.yaml"
	printf "people:\n  %s:\n    name: %s Moss\n    known-as: %s\n", tolower(name), name, name > f
	printf "    born: %d-0%d-1%d\n    role: child\n", 2025 - age, 1 + c % 9, c % 9 > f
	printf "  mum:\n    name: Jo Moss\n    known-as: Jo\n    role: parent\n    relationship: mum\n" > f
	close(f)
	return d
}
BEGIN {
	seed = 20240601
	nv = split("we will go to the park and play on swings then walk home for lunch " \
	    "after school you can read a book with mum or dad before bed brush your teeth " \
	    "put on pyjamas feel calm happy tired worried excited it is okay to ask for help " \
	    "teacher friend class break time snack water bottle coat shoes bag morning evening " \
	    "quiet space deep breath count slowly music drawing colouring puzzle garden bus " \
	    "car doctor dentist appointment visit grandma grandpa library swimming pool " \
	    "timetable sticker chart reward choice first next last today tomorrow weekend " \
	    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday kind gentle brave " \
	    "listen look wait share turn together helper picture schedule routine change " \
	    "new familiar small big slow fast soft loud bright dark warm cold safe", V, " ")
	nn = split("Sam Alex Maya Noah Zara Leo Aisha Finn Ruby Omar Ivy Theo", NAMES, " ")
	nt = split("routine school health family feelings weekend travel food sleep play", TAGS, " ")
	no = split("morning routine|school trip|dentist visit|swimming lesson|new classroom|" \
	    "weekend at grandma\047s|bus journey|bedtime|library day|doctor appointment", TOPIC, "|")
	nh = split("What will happen|Who will be there|What I can bring|If I feel worried|" \
	    "After we finish|Things to remember|My choices|Getting ready", HEAD, "|")
	system("mkdir -p " out "/kindly/cases " out "/hugo/letters " out "/md")
	f = out "/kindly/site.yaml"
	printf "name: Riverford Council\nservice: Children's Services\nlanguage: en-GB\n" > f
	printf "address:\n  - Riverford Council\n  - Town Hall, Market Street\n  - Riverford RF1 2AB\n" > f
	printf "contacts:\n  - name: Your social worker's team\n    phone: \"01632 960 100\"\n" > f
	printf "    hours: Monday to Friday, 9am to 5pm\n    what: Call us if you have a question about this letter.\n" > f
	printf "  - name: Childline\n    phone: \"0800 1111\"\n    hours: Any time, day or night\n" > f
	printf "    what: Free and private. You can talk about anything.\n" > f
	close(f)
	f = out "/kindly/staff.yaml"
	printf "sw-priya:\n  name: Priya Shah\n  known-as: Priya\n  role: social worker\n" > f
	printf "  phone: \"01632 960 101\"\n" > f
	close(f)
	if (shape == "book") per = n
	for (i = 1; i <= n; i++) {
		c = int((i - 1) / per) + 1
		if ((i - 1) % per == 0) {
			name = pick(NAMES, nn); age = 7 + rnd(6)
			dir = family(c, name, age)
		}
		topic = pick(TOPIC, no)
		title = sprintf("About your %s", topic)
		date = sprintf("2024-%02d-%02d", 1 + (i % 12), 1 + (i % 28))
		b = body("Jo")
		f = sprintf("%s/%s-letter-%05d.md", dir, date, i)
		printf "---\nkind: letter\ndate: %s\nreaders: [mum]\nauthor: sw-priya\n", date > f
		printf "title: \"%s\"\nreference: RC/%05d/%05d\n---\n\n%s", title, c, i, b > f
		close(f)
		f = sprintf("%s/hugo/letters/letter-%05d.md", out, i)
		printf "---\ntitle: \"%s\"\ndate: %s\nchild: \"%s\"\nage: %d\nreference: \"RC/%05d/%05d\"\n", title, date, name, age, c, i > f
		printf "summary: \"A letter to %s about the %s.\"\n---\n\n%s", name, topic, b > f
		close(f)
		f = sprintf("%s/md/letter-%05d.md", out, i)
		printf "# %s\n\n%s", title, b > f
		close(f)
	}
}
