#!/usr/bin/env python3
# Reads meson's testlog.json (one or several: the normal build and the
# sanitizer build) and prints one closing line:
#   "N passed, N failed, N skipped"
# counting the TAP subtests of every test program of every log; a program
# that failed without reporting a failing subtest (a crash, a timeout, a
# sanitizer report) counts as one failure.

import json
import re
import sys

FAILED_RESULTS = {'FAIL', 'TIMEOUT', 'ERROR', 'UNEXPECTEDPASS', 'INTERRUPT'}
TAP = re.compile(r'^(not ok|ok)\b(.*)$')


def main(paths):
    passed = failed = skipped = 0
    for path in paths:
        p, f, s = count(path)
        passed += p
        failed += f
        skipped += s
    print(f'{passed} passed, {failed} failed, {skipped} skipped')
    return 0 if failed == 0 and passed > 0 else 1


def count(path):
    passed = failed = skipped = 0
    with open(path, encoding='utf-8', errors='replace') as log:
        for line in log:
            line = line.strip()
            if not line:
                continue
            test = json.loads(line)
            sub_pass = sub_fail = sub_skip = 0
            for out in (test.get('stdout') or '').splitlines():
                match = TAP.match(out.strip())
                if not match:
                    continue
                rest = match.group(2)
                if '# SKIP' in rest.upper():
                    sub_skip += 1
                elif match.group(1) == 'ok':
                    sub_pass += 1
                else:
                    sub_fail += 1
            result = test.get('result', '')
            if sub_pass + sub_fail + sub_skip == 0:
                # Not a TAP program: count the program itself
                if result == 'SKIP':
                    sub_skip = 1
                elif result in FAILED_RESULTS:
                    sub_fail = 1
                else:
                    sub_pass = 1
            elif result in FAILED_RESULTS and sub_fail == 0:
                sub_fail = 1
            passed += sub_pass
            failed += sub_fail
            skipped += sub_skip
    return passed, failed, skipped


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:] or ['_build/meson-logs/testlog.json']))
