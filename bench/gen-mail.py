#!/usr/bin/env python3
# gen-mail.py
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Turns the benchmark's JSON Lines articles (gen-corpus --form jsonl) into
# a mailbox with the quoting of a real mailing list, for the quoted-text
# benchmarks:
#
#   gen-mail.py CORPUS.jsonl OUT.mbox
#
# Articles become messages in threads of five.  Each reply quotes the
# message before it: top-posted (new text, an attribution, the whole
# previous message quoted) or interleaved (quoted paragraphs of the
# previous message, the new text between them); every sender signs after
# "-- ".  Deterministic: the same input gives the same bytes.

import json
import sys
import textwrap

THREAD = 5
SENDERS = ["Ann Lee", "Ben Mord", "Cora Vance", "Dan Holt", "Eve Marsh"]


def wrap(text, prefix=""):
    lines = []
    for paragraph in text.split("\n\n"):
        paragraph = " ".join(paragraph.split())
        if not paragraph:
            continue
        lines.extend(prefix + line for line in textwrap.wrap(paragraph, 72 - len(prefix)))
        lines.append(prefix.rstrip())
    return lines


def message(out, index, article, previous):
    sender = SENDERS[index % len(SENDERS)]
    address = sender.split()[0].lower() + "@example.org"
    position = index % THREAD
    root = index - position
    title = " ".join(article["title"].split())
    body = []

    if previous is None:
        body.extend(wrap(article["text"]))
    else:
        title = "Re: " + previous["subject"].removeprefix("Re: ")
        own = [p for p in article["text"].split("\n\n") if p.strip()]
        quoted = [p for p in previous["new"].split("\n\n") if p.strip()]
        if position % 2 == 1:
            body.extend(wrap("\n\n".join(own)))
            body.append("On %s, %s wrote:" % (previous["date"], previous["sender"]))
            body.extend(wrap("\n\n".join(quoted), "> "))
            body.append("")
        else:
            body.append("%s wrote:" % previous["sender"])
            for i in range(max(len(own), len(quoted))):
                if i < len(quoted):
                    body.extend(wrap(quoted[i], "> "))
                    body.append("")
                if i < len(own):
                    body.extend(wrap(own[i]))
    body.extend(["-- ", sender, "Harbour Times, night desk", ""])

    headers = [
        "From %s Mon Jan  1 00:00:00 2024" % address,
        "From: %s <%s>" % (sender, address),
        "Subject: %s" % title,
        "Date: %s" % article["date"],
        "Message-ID: <m%d@example.org>" % index,
    ]
    if previous is not None:
        headers.append("In-Reply-To: <m%d@example.org>" % (index - 1))
        headers.append("References: <m%d@example.org> <m%d@example.org>" % (root, index - 1))
    text = "\n".join(headers) + "\n\n"
    # mbox: a body line starting with "From " is escaped
    text += "\n".join(">" + l if l.startswith("From ") else l for l in body) + "\n\n"
    out.write(text)

    return {"subject": title, "date": article["date"], "sender": sender,
            "new": article["text"]}


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gen-mail.py CORPUS.jsonl OUT.mbox")
    previous = None
    with open(sys.argv[1], encoding="utf-8") as source, \
         open(sys.argv[2], "w", encoding="utf-8") as out:
        for index, line in enumerate(source):
            article = json.loads(line)
            if index % THREAD == 0:
                previous = None
            previous = message(out, index, article, previous)


if __name__ == "__main__":
    main()
