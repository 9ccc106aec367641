#!/usr/bin/env python3
# check-mime.py
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the MIME package into a private shared-mime-info database and asks
# GIO what it makes of a few files, so the glob, the magic and its priority are
# checked the way the desktop will really use them.
#
# usage: check-mime.py MIME-PACKAGE.xml UPDATE-MIME-DATABASE GIO

import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

CORPUS_TYPE = 'application/x-corpus-explorer-corpus'
SQLITE_TYPE = 'application/vnd.sqlite3'
NS = '{http://www.freedesktop.org/standards/shared-mime-info}'


def fail(message):
    print(f'check-mime: {message}', file=sys.stderr)
    sys.exit(1)


def find_freedesktop_package():
    dirs = os.environ.get('XDG_DATA_DIRS', '/usr/local/share:/usr/share')
    for d in dirs.split(':') + ['/usr/share']:
        path = os.path.join(d, 'mime', 'packages', 'freedesktop.org.xml')
        if os.path.isfile(path):
            return path
    return None


def check_package_structure(path):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        fail(f'{path}: not well-formed XML: {e}')
    if root.tag != NS + 'mime-info':
        fail(f'{path}: root element is {root.tag}, expected mime-info')
    types = root.findall(NS + 'mime-type')
    if [t.get('type') for t in types] != [CORPUS_TYPE]:
        fail(f'{path}: expected exactly one mime-type {CORPUS_TYPE}')
    t = types[0]
    if [g.get('pattern') for g in t.findall(NS + 'glob')] != ['*.corpus']:
        fail(f'{path}: expected the single glob *.corpus')
    if [s.get('type') for s in t.findall(NS + 'sub-class-of')] != [SQLITE_TYPE]:
        fail(f'{path}: expected sub-class-of {SQLITE_TYPE}')
    untranslated = [c for c in t.findall(NS + 'comment')
                    if c.get('{http://www.w3.org/XML/1998/namespace}lang') is None]
    if len(untranslated) != 1 or untranslated[0].text != 'Corpus Explorer corpus':
        fail(f'{path}: expected the comment "Corpus Explorer corpus"')


def content_type(gio, env, path):
    out = subprocess.run([gio, 'info', '--attributes=standard::content-type', path],
                         env=env, check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        line = line.strip()
        if line.startswith('standard::content-type:'):
            return line.split(':', 3)[-1].strip()
    fail(f'gio info printed no content type for {path}')


def main():
    if len(sys.argv) != 4:
        fail('usage: check-mime.py MIME-PACKAGE.xml UPDATE-MIME-DATABASE GIO')
    package, update_mime_database, gio = sys.argv[1:]
    check_package_structure(package)

    freedesktop = find_freedesktop_package()
    if freedesktop is None:
        fail('freedesktop.org.xml not found in XDG_DATA_DIRS')

    with tempfile.TemporaryDirectory(prefix='ce-mime-') as tmp:
        home = os.path.join(tmp, 'home')
        os.makedirs(home)
        env = dict(os.environ,
                   XDG_DATA_DIRS=os.path.join(tmp, 'share'),
                   XDG_DATA_HOME=os.path.join(home, 'data'),
                   HOME=home,
                   GIO_USE_VFS='local')
        packages = os.path.join(tmp, 'share', 'mime', 'packages')
        os.makedirs(packages)
        shutil.copy(freedesktop, packages)
        shutil.copy(package, os.path.join(packages, 'io.github.corpusexplorer.CorpusExplorer.xml'))
        result = subprocess.run([update_mime_database, os.path.join(tmp, 'share', 'mime')],
                                env=env, capture_output=True, text=True)
        if result.returncode != 0 or result.stderr.strip():
            fail(f'update-mime-database rejected the package:\n{result.stderr}')

        header = b'SQLite format 3\0' + bytes(4080)
        files = {
            'sample.corpus': (header, CORPUS_TYPE),
            'plain.sqlite': (header, SQLITE_TYPE),
            'no-extension': (header, SQLITE_TYPE),
        }
        errors = []
        for name, (data, expected) in files.items():
            path = os.path.join(tmp, name)
            with open(path, 'wb') as f:
                f.write(data)
            got = content_type(gio, env, path)
            if got != expected:
                errors.append(f'{name}: content type {got}, expected {expected}')
        if errors:
            fail('\n'.join(errors))
    print('check-mime: ok')


if __name__ == '__main__':
    main()
