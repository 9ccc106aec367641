#!/usr/bin/env python3
# make-sample-dump.py
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds data/sample/sample-dump.txt from data/sample/sample.jsonl.
#
# The dump has the shape of the raw text dumps Corpus Explorer imports:
# article bodies one after another, every paragraph hard-wrapped at 80
# columns, no blank lines, no separators, and no titles, dates or sources.
# The JSONL file is the canonical sample; the dump is derived from it and
# committed so that tests and users can import it without running this.
#
# usage: make-sample-dump.py [--check] [--stats] [JSONL [DUMP]]
#   --check  validate the JSONL and fail if DUMP differs from what it yields
#   --stats  print counts per year, source, section and place

import argparse
import collections
import datetime
import json
import os
import re
import sys
import textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_JSONL = os.path.join(ROOT, 'data', 'sample', 'sample.jsonl')
DEFAULT_DUMP = os.path.join(ROOT, 'data', 'sample', 'sample-dump.txt')

WIDTH = 80
REQUIRED = ('title', 'date', 'source', 'section', 'text')
OPTIONAL = ('place',)
MIN_WORDS = 150
MAX_WORDS = 500
DASH = ' \u2014 '

# A line that a segmenter would take for the start of a new article.
DATELINE_RE = re.compile(r'^[A-Z][A-Z .\'\u2019-]*[A-Z]' + DASH)


class SampleError(Exception):
    pass


def is_heading(paragraph):
    letters = [c for c in paragraph if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(paragraph) <= WIDTH


def wrap(paragraph):
    return textwrap.wrap(paragraph, width=WIDTH,
                         break_long_words=False, break_on_hyphens=False)


def load(path):
    articles = []
    try:
        f = open(path, encoding='utf-8')
    except OSError as e:
        raise SampleError(f'{path}: {e.strerror}')
    with f:
        for lineno, line in enumerate(f, 1):
            where = f'{path}:{lineno}'
            if not line.strip():
                raise SampleError(f'{where}: empty line')
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                raise SampleError(f'{where}: invalid JSON: {e.msg} at column {e.colno}')
            articles.append(validate(obj, where))
    if not articles:
        raise SampleError(f'{path}: no articles')
    return articles


def validate(obj, where):
    if not isinstance(obj, dict):
        raise SampleError(f'{where}: expected a JSON object')
    for key in REQUIRED:
        if not isinstance(obj.get(key), str) or not obj[key].strip():
            raise SampleError(f'{where}: missing or empty "{key}"')
    unknown = set(obj) - set(REQUIRED) - set(OPTIONAL)
    if unknown:
        raise SampleError(f'{where}: unknown keys {", ".join(sorted(unknown))}')
    try:
        datetime.date.fromisoformat(obj['date'])
    except ValueError:
        raise SampleError(f'{where}: date "{obj["date"]}" is not yyyy-mm-dd')
    if len(obj['date']) != 10:
        raise SampleError(f'{where}: date "{obj["date"]}" is not yyyy-mm-dd')

    paragraphs = obj['text'].split('\n\n')
    for i, p in enumerate(paragraphs, 1):
        if not p.strip() or p != p.strip() or '\n' in p or '  ' in p:
            raise SampleError(f'{where}: paragraph {i} is empty or has stray whitespace')
        for line in wrap(p)[1:] if i == 1 else wrap(p):
            if DATELINE_RE.match(line):
                raise SampleError(f'{where}: paragraph {i} has a line that looks like '
                                  f'a dateline: "{line}"')
    if is_heading(paragraphs[0]) or is_heading(paragraphs[-1]):
        raise SampleError(f'{where}: an article must not start or end with a heading')

    if 'place' in obj:
        place = obj['place']
        if not isinstance(place, str) or not place or place != place.upper():
            raise SampleError(f'{where}: "place" must be a dateline in capitals')
        if not paragraphs[0].startswith(place + DASH):
            raise SampleError(f'{where}: first paragraph must start with "{place}{DASH}"')
    elif DATELINE_RE.match(paragraphs[0]):
        raise SampleError(f'{where}: text starts with a dateline but "place" is absent')

    words = sum(len(p.split()) for p in paragraphs if not is_heading(p))
    if not MIN_WORDS <= words <= MAX_WORDS:
        raise SampleError(f'{where}: {words} words, expected {MIN_WORDS} to {MAX_WORDS}')
    return dict(obj, words=words, paragraphs=paragraphs, where=where)


def render(articles):
    lines = []
    for article in articles:
        for p in article['paragraphs']:
            lines.extend(wrap(p))
    return '\n'.join(lines) + '\n'


def stats(articles):
    def show(name, counter):
        print(f'{name}:')
        for key, n in sorted(counter.items()):
            print(f'  {key}: {n}')
    print(f'articles: {len(articles)}')
    print(f'words: {sum(a["words"] for a in articles)}')
    print(f'dates: {min(a["date"] for a in articles)} to {max(a["date"] for a in articles)}')
    show('years', collections.Counter(a['date'][:4] for a in articles))
    show('sources', collections.Counter(a['source'] for a in articles))
    show('sections', collections.Counter(a['section'] for a in articles))
    show('places', collections.Counter(a.get('place', '(no dateline)') for a in articles))
    headed = sum(1 for a in articles if any(is_heading(p) for p in a['paragraphs']))
    print(f'articles with headings: {headed}')


def main():
    parser = argparse.ArgumentParser(description='Build the raw text dump of the sample corpus.')
    parser.add_argument('--check', action='store_true',
                        help='validate the sample and compare the dump instead of writing it')
    parser.add_argument('--stats', action='store_true', help='print counts')
    parser.add_argument('jsonl', nargs='?', default=DEFAULT_JSONL)
    parser.add_argument('dump', nargs='?', default=DEFAULT_DUMP)
    args = parser.parse_args()

    try:
        articles = load(args.jsonl)
    except SampleError as e:
        print(f'make-sample-dump: {e}', file=sys.stderr)
        return 1

    text = render(articles)
    if args.stats:
        stats(articles)
    if args.check:
        try:
            with open(args.dump, encoding='utf-8') as f:
                current = f.read()
        except OSError as e:
            print(f'make-sample-dump: {args.dump}: {e.strerror}', file=sys.stderr)
            return 1
        if current != text:
            print(f'make-sample-dump: {args.dump} is out of date; run tools/make-sample-dump.py',
                  file=sys.stderr)
            return 1
        print(f'make-sample-dump: {len(articles)} articles, {args.dump} is up to date')
        return 0
    if not args.stats:
        with open(args.dump, 'w', encoding='utf-8', newline='\n') as f:
            f.write(text)
    return 0


if __name__ == '__main__':
    sys.exit(main())
