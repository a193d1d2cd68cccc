#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when one mnemonic letter is used twice in one window, in English
or in the zh_CN translation.

Alt+S that focuses 保存 (Save) instead of 社工 (social worker), or saves
when someone meant to jump to a field, is what this prevents. Each .ui
file is one toplevel (a dialog) or one page of the main window, and the
main window shows one page at a time, so a letter must be unique within
a file. A translation brings its own letters (取消(_C)), so both languages
are checked. Strings with a context are looked up with it: the same
English word may mean different things in different windows.

Usage: check-mnemonics.py UI_DIR PO_FILE
"""

import ast
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET


def read_po(path):
    """{(context, msgid): msgstr} of the translated, non-fuzzy entries."""
    entries = {}
    with open(path, encoding='utf-8') as po:
        blocks = po.read().split('\n\n')
    for block in blocks:
        fields = {}
        current = None
        fuzzy = False
        for line in block.splitlines():
            line = line.strip()
            if line.startswith('#,'):
                fuzzy = fuzzy or 'fuzzy' in line
            elif line.startswith(('msgctxt ', 'msgid ', 'msgstr ')):
                current, literal = line.split(' ', 1)
                fields[current] = ast.literal_eval(literal)
            elif line.startswith('"') and current is not None:
                fields[current] += ast.literal_eval(line)
        if fields.get('msgid') and fields.get('msgstr') and not fuzzy:
            entries[(fields.get('msgctxt'), fields['msgid'])] = fields['msgstr']
    return entries


def mnemonic(text):
    """The letter after the first single underscore, lower case, or None."""
    match = re.search(r'(?<!_)_([^_])', text.replace('__', ''))
    return match.group(1).lower() if match else None


def labels_with_mnemonics(path):
    """(text, context, where) of every translatable label that takes a mnemonic."""
    found = []
    for element in ET.parse(path).iter():
        if element.tag in ('object', 'template'):
            properties = {p.get('name'): p for p in element.findall('property')}
            label = properties.get('label')
            underline = properties.get('use-underline')
            if label is not None and label.get('translatable') == 'yes' and \
                    underline is not None and underline.text == 'true':
                found.append((label.text, label.get('context'),
                              element.get('id') or element.get('class')))
        elif element.tag == 'item':
            # Popover menus treat underscores as mnemonics.
            label = element.find("attribute[@name='label']")
            if label is not None and label.get('translatable') == 'yes':
                found.append((label.text, label.get('context'), 'menu item'))
    return found


def clashes(labels, translate):
    by_letter = {}
    for text, context, where in labels:
        shown = translate(text, context)
        letter = mnemonic(shown)
        if letter is not None:
            by_letter.setdefault(letter, []).append(f'“{shown}” ({where})')
    return {letter: uses for letter, uses in by_letter.items() if len(uses) > 1}


def main():
    ui_dir, po_path = sys.argv[1], sys.argv[2]
    translations = read_po(po_path)
    languages = {
        'en': lambda text, context: text,
        'zh_CN': lambda text, context: translations.get((context, text), text),
    }
    files = sorted(glob.glob(os.path.join(ui_dir, '*.ui')) + glob.glob(os.path.join(ui_dir, 'gtk', '*.ui')))
    failures = 0
    checked = 0
    for path in files:
        labels = labels_with_mnemonics(path)
        checked += len(labels)
        for language, translate in languages.items():
            for letter, uses in sorted(clashes(labels, translate).items()):
                failures += 1
                print(f'{os.path.relpath(path, os.path.dirname(ui_dir))}: {language}: '
                      f'Alt+{letter.upper()} is used {len(uses)} times: {", ".join(uses)}')
    print(f'{checked} labels with mnemonics in {len(files)} files, {failures} clashes')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
