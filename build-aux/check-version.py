#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The package's version is meson's: debian/changelog's newest entry must
carry meson.build's project version (native package: no Debian revision).

    check-version.py VERSION debian/changelog
"""
import re
import sys

version, changelog = sys.argv[1], sys.argv[2]
with open(changelog, encoding='utf-8') as f:
    first = f.readline()
m = re.match(r'^(\S+) \(([^)]+)\) ', first)
if not m:
    sys.exit(f'{changelog}: cannot read the first line: {first!r}')
if m.group(1) != 'yukang':
    sys.exit(f'{changelog}: source package is {m.group(1)!r}, not yukang')
if m.group(2) != version:
    sys.exit(f'{changelog} says {m.group(2)}, meson.build says {version}: '
             'add a changelog entry (dch -v VERSION) or fix meson.build')
print(f'debian/changelog and meson.build agree: {version}')
