#!/bin/sh
# Regenerates crates/lookalike/data/english-words.txt from Debian's wamerican word list
# (SCOWL; see crates/lookalike/data/english-words.NOTICE): lowercase a-z words of 4 to 14
# letters, sorted bytewise (the matcher binary-searches the file as embedded).
#   apt-get install wamerican && scripts/gen_english_words.sh
set -eu
grep -E '^[a-z]+$' /usr/share/dict/words | awk 'length($0) >= 4 && length($0) <= 14' |
    LC_ALL=C sort -u > crates/lookalike/data/english-words.txt
wc -l crates/lookalike/data/english-words.txt
