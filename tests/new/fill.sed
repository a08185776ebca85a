# Fills in every TODO of a 'kindly new' scaffold, the way a writer would,
# for tests/cli.sh: the filled-in document must then pass 'kindly check'.
s/^author: TODO/author: sw-ana/
s/^read-at: \[TODO\]/read-at: [10, 15]/
s/^personal-adviser: TODO/personal-adviser: pa-ben/
s/^iro: TODO/iro: iro-cat/
s/^advocacy: TODO/advocacy: advocacy/
s/^why-you-could-not-stay: TODO/why-you-could-not-stay: {at-10: "Words for ten.", at-15: "Words for fifteen."}/
/^next-review:/,/^$/s/date: TODO/date: 2025-08-01/
/^meeting:/,/^$/s/date: TODO/date: 2025-06-10/
/^meeting:/,/^$/s/time: TODO/time: "10:00"/
/^meeting:/,/^$/s/- TODO/- sw-ana/
/^children:/,/^$/s/- TODO/- ivy/
/^work-and-learning:/,/^$/s/now: TODO/now: apprenticeship/
/^key-documents:/,/^$/s/: TODO/: have/
s/^\( *\)\(- \)\{0,1\}date: TODO/\1\2date: 2025-04-01/
s/^\( *- \)\{0,1\}\( *\)\(by\|decide-by\|first-meeting\|given-on\): TODO/\1\2\3: 2025-07-01/
s/^\( *\)type: TODO/\1type: initial/
s/^took-part: TODO/took-part: came/
s/^\( *\)\(suitable\|have-copy\|offered\): TODO/\1\2: true/
s/^\( *\)until-age: TODO/\1until-age: 21/
s/^\( *\)\(- \)\{0,1\}who: TODO/\1\2who: gran/
/^\(who-came\|relationships\|core-group\):/,/^$/s/- TODO/- gran/
s/- TODO$/- Filled in by the test, in plain words./
s/: TODO$/: Filled in by the test, with enough words to be specific./
s/^TODO: write the letter here, in Markdown\./Dear Ivy, the test filled in this letter./
