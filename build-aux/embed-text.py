#!/usr/bin/env python3
# embed-text.py NAME INPUT OUTPUT — writes a C file defining
# `const char NAME[]` holding INPUT's text (SQL migrations, kept as .sql).
import sys

name, source, output = sys.argv[1:4]
with open(source, encoding='utf-8') as f:
    text = f.read()
lines = ['/* Generated from %s by build-aux/embed-text.py. */' % source.split('/')[-1],
         'extern const char %s[];' % name,
         'const char %s[] =' % name]
for line in text.splitlines():
    escaped = line.replace('\\', '\\\\').replace('"', '\\"')
    lines.append('  "%s\\n"' % escaped)
lines[-1] += ';'
with open(output, 'w', encoding='utf-8') as f:
    f.write('\n'.join(lines) + '\n')
