#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a Chinese translation names a concept with a forbidden
variant from docs/glossary.md, or addresses the user as 你 (not 您).

The glossary's "Terms" table lists, per concept, the forbidden variants in
its last column, each in backticks: `X` is forbidden anywhere in a msgstr,
`=X` only as a whole label (mnemonic and trailing colon removed). Its
"Allowed exceptions" table lists msgids (in backticks) whose translation
may keep a variant, each with its reason.

The same check reads the user guide's Mallard pages (help/C/*.page):
every variant is forbidden in their text, and `=X` as the whole text of
a <gui> element, the label the page quotes.

Usage: check-glossary.py GLOSSARY_MD PO_FILE|PAGE…
"""

import ast
import re
import sys
import xml.etree.ElementTree as ET

MALLARD = '{http://projectmallard.org/1.0/}'


def read_po(path):
    """[(context, msgid, [msgstr…])] of the non-obsolete entries."""
    entries = []
    with open(path, encoding='utf-8') as po:
        blocks = po.read().split('\n\n')
    for block in blocks:
        fields = {}
        current = None
        for line in block.splitlines():
            line = line.strip()
            if line.startswith('#'):
                continue
            if re.match(r'(msgctxt|msgid|msgid_plural|msgstr(\[\d+\])?) ', line):
                current, literal = line.split(' ', 1)
                fields[current] = ast.literal_eval(literal)
            elif line.startswith('"') and current is not None:
                fields[current] += ast.literal_eval(line)
        if fields.get('msgid'):
            strs = [v for k, v in fields.items() if k.startswith('msgstr') and v]
            entries.append((fields.get('msgctxt'), fields['msgid'], strs))
    return entries


def read_page(path):
    """[(None, 'FILE:LINE', [text])] of a Mallard page: each line's text
    without its tags (the pages keep a paragraph on one line, since a
    line break between Chinese characters shows as a space), and each
    <gui> label by itself."""
    entries = []
    with open(path, encoding='utf-8') as page:
        for number, line in enumerate(page, 1):
            text = re.sub(r'<[^>]*>', '', line).strip()
            if text:
                entries.append((None, f'{path}:{number}', [text]))
    for gui in ET.parse(path).getroot().iter(MALLARD + 'gui'):
        entries.append((None, f'{path}: <gui>', [''.join(gui.itertext())]))
    return entries


def table_rows(markdown, heading):
    """The cells of the rows of the first table after `heading`."""
    lines = markdown.splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if line.startswith('#') and heading in line)
    except StopIteration:
        sys.exit(f'glossary: no section "{heading}"')
    rows = []
    in_table = False
    for line in lines[start + 1:]:
        if line.startswith('|'):
            in_table = True
            cells = [c.strip() for c in line.strip().strip('|').split('|')]
            if all(re.fullmatch(r':?-+:?', c) for c in cells):
                continue
            rows.append(cells)
        elif in_table or line.startswith('#'):
            break
    return rows[1:]  # without the header row


def read_glossary(path):
    with open(path, encoding='utf-8') as f:
        markdown = f.read()
    forbidden = []  # (variant, whole_label, preferred)
    for cells in table_rows(markdown, 'Terms'):
        for variant in re.findall(r'`([^`]+)`', cells[-1]):
            whole = variant.startswith('=')
            forbidden.append((variant.lstrip('='), whole, cells[1]))
    allowed = set()
    for cells in table_rows(markdown, 'Allowed exceptions'):
        allowed.update(re.findall(r'`([^`]+)`', cells[0]))
    if not forbidden:
        sys.exit('glossary: no forbidden variants found; is the Terms table intact?')
    return forbidden, allowed


def bare_label(text):
    text = re.sub(r'\(_.\)', '', text).replace('_', '')
    return text.strip().rstrip('：:').strip()


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    forbidden, allowed = read_glossary(sys.argv[1])
    if not any(v == '你' for v, _, _ in forbidden):
        forbidden.append(('你', False, '您'))
    problems = []
    entries = []
    for path in sys.argv[2:]:
        entries += read_page(path) if path.endswith('.page') else read_po(path)
    for context, msgid, msgstrs in entries:
        if msgid in allowed:
            continue
        for msgstr in msgstrs:
            for variant, whole, preferred in forbidden:
                hit = bare_label(msgstr) == variant if whole else variant in msgstr
                if hit:
                    where = f'[{context}] ' if context else ''
                    problems.append(f'{where}{msgid!r}: {msgstr!r} uses “{variant}” (glossary: {preferred})')
    for problem in problems:
        print(problem)
    print(f'{len(problems)} translation(s) use a forbidden variant', file=sys.stderr)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
