#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every command in `yukang help` has a section (.SS COMMAND) in the man
page, and every option in `yukang COMMAND --help` (each `yukang user
SUBCOMMAND --help` for user, and the same for training) is written in that section.

    check-man.py man/yukang.1 path/to/yukang
"""
import os
import re
import subprocess
import sys

man_path, yukang = sys.argv[1], sys.argv[2]
env = dict(os.environ, LC_ALL='C.UTF-8', LANG='C.UTF-8', LANGUAGE='')


def run(*args):
    p = subprocess.run([yukang, *args], env=env, capture_output=True, text=True, timeout=60)
    return p.stdout + p.stderr


with open(man_path, encoding='utf-8') as f:
    roff = f.read()
# Roff to plain text enough to search: \- is -, font escapes go.
text = roff.replace('\\-', '-')
text = re.sub(r'\\f[BIRP]', '', text)

sections = {}
current = None
for line in text.splitlines():
    m = re.match(r'^\.SS\s+"?([^"]+?)"?\s*$', line)
    if m:
        current = m.group(1).split()[0]
        sections[current] = ''
    elif line.startswith('.SH'):
        current = None
    elif current:
        sections[current] += line + '\n'

usage = run('help')
m = re.search(r'^Commands:\n((?:  \S.*\n)+)', usage, re.M)
if not m:
    sys.exit('cannot find the command list in `yukang help`:\n' + usage)
commands = [line.split()[0] for line in m.group(1).splitlines()]
problems = []


def options_of(*command):
    out = run(*command, '--help')
    return sorted(set(re.findall(r'^\s+(--[a-z][a-z-]*)', out, re.M)) - {'--help', '--help-all'})


for command in commands:
    if command not in sections:
        problems.append(f'`yukang {command}` has no ".SS {command}" section')
        continue
    if command in ('help', 'version'):
        continue
    if command in ('user', 'training'):
        sub = re.search(r'yukang ' + command + r' ([a-z|-]+)', run(command))
        if not sub:
            problems.append(f'cannot read the subcommands of `yukang {command}`')
            continue
        invocations = [(command, s) for s in sub.group(1).split('|')]
        for _, s in invocations:
            if f'{command} {s}' not in sections[command]:
                problems.append(f'`yukang {command} {s}` is not in the {command} section')
    else:
        invocations = [(command,)]
    for invocation in invocations:
        opts = options_of(*invocation)
        if not opts:
            problems.append(f'`yukang {" ".join(invocation)} --help` lists no options')
        for opt in opts:
            if not re.search(re.escape(opt) + r'(?![a-z-])', sections[command]) and \
               not (opt in ('--db', '--user', '--password-file', '--recovery-key-file', '--district')
                    and re.search(r'\bAUTH\b', sections[command])):
                problems.append(f'{opt} of `yukang {" ".join(invocation)}` is not in its section')

if problems:
    print('\n'.join(problems))
    sys.exit(1)
print(f'{len(commands)} commands and their options are all in {os.path.basename(man_path)}')
