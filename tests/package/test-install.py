#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The .deb as a person gets it: installed with apt into this machine, run
with no build tree in sight, then purged, leaving nothing behind.

    test-install.py SOURCE_ROOT PACKAGE_DIR VERSION

PACKAGE_DIR holds yukang_VERSION_*.deb (build-aux/dev package makes it).
Needs root (or sudo without a password): it installs a package for real.
Leaves the machine without yukang installed (its dependencies stay).
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

source_root, package_dir, version = sys.argv[1:4]
PASSWORD = 'package test password 2021\n'

sudo = [] if os.geteuid() == 0 else ['sudo', '-n']
apt_env = dict(os.environ, DEBIAN_FRONTEND='noninteractive')
apt = sudo + ['apt-get', '-o', 'DPkg::Lock::Timeout=300', '-y', '-q']
step = 0


def ok(what):
    global step
    step += 1
    print(f'ok {step} - {what}', flush=True)


def run(cmd, env=None, cwd=None, input=None, timeout=120, check=True):
    p = subprocess.run(cmd, env=env, cwd=cwd, input=input, capture_output=True,
                       text=True, timeout=timeout)
    if check and p.returncode != 0:
        sys.exit(f'FAILED ({p.returncode}): {" ".join(cmd)}\n'
                 f'--- stdout\n{p.stdout}\n--- stderr\n{p.stderr}')
    return p


def installed():
    p = subprocess.run(['dpkg-query', '-W', '-f=${Status}', 'yukang'],
                       capture_output=True, text=True)
    return p.returncode == 0 and 'ok installed' in p.stdout


def purge():
    if installed() or subprocess.run(['dpkg-query', '-W', 'yukang'],
                                     capture_output=True).returncode == 0:
        p = run(apt + ['purge', 'yukang'], env=apt_env, timeout=300)
        print('\n'.join('# purge: ' + line for line in p.stdout.splitlines()
                        if line.startswith(('Removing', 'Purging', 'The following'))), flush=True)


if sudo and subprocess.run(['sudo', '-n', 'true'], capture_output=True).returncode != 0:
    sys.exit('this test installs a package: run it as root, or with sudo needing no password')

debs = glob.glob(os.path.join(package_dir, f'yukang_{version}_*.deb'))
if len(debs) != 1:
    sys.exit(f'expected one yukang_{version}_*.deb in {package_dir} (build-aux/dev package '
             f'makes it), found {debs or "none"}')
deb = os.path.abspath(debs[0])

if installed():
    print(f'# yukang was installed before the test: purging it first', flush=True)
    purge()

scratch = tempfile.mkdtemp(prefix='yukang-package-test-', dir='/tmp')
try:
    # Installed with apt, as the README tells people to: dependencies too.
    run(apt + ['install', deb], env=apt_env, timeout=600)
    if not installed():
        sys.exit('apt-get install finished but yukang is not installed')
    files = run(['dpkg', '-L', 'yukang']).stdout.split()
    print('\n'.join('# installed: ' + f for f in files), flush=True)
    ok(f'apt-get install {os.path.basename(deb)} ({len(files)} paths)')

    for path in ['/usr/bin/yukang',
                 '/usr/share/applications/cn.yukang.Yukang.desktop',
                 '/usr/share/metainfo/cn.yukang.Yukang.metainfo.xml',
                 '/usr/share/glib-2.0/schemas/cn.yukang.Yukang.gschema.xml',
                 '/usr/share/icons/hicolor/scalable/apps/cn.yukang.Yukang.svg',
                 '/usr/share/icons/hicolor/symbolic/apps/cn.yukang.Yukang-symbolic.svg',
                 '/usr/share/locale/zh_CN/LC_MESSAGES/yukang.mo',
                 '/usr/share/help/C/yukang/index.page',
                 '/usr/share/man/man1/yukang.1.gz',
                 '/usr/share/bash-completion/completions/yukang']:
        if path not in files:
            sys.exit(f'{path} is not in the package')
    ok('the package holds the binary, desktop file, metainfo, schema, icons, '
       'translation, guide, man page and completion')

    # Far from the build tree: /tmp, a new HOME, no variable naming the build.
    home = os.path.join(scratch, 'home')
    work = os.path.join(scratch, 'work')
    os.makedirs(home)
    os.makedirs(work)
    env = {
        'PATH': '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        'HOME': home,
        'LANG': 'C.UTF-8',
        'TERM': 'dumb',
        'TZ': 'UTC',
    }
    where = shutil.which('yukang', path=env['PATH'])
    if where != '/usr/bin/yukang':
        sys.exit(f'yukang is found at {where}, not /usr/bin/yukang')

    p = run(['yukang', '--version'], env=env, cwd=work)
    if p.stdout.strip() != f'yukang {version}':
        sys.exit(f'yukang --version says {p.stdout.strip()!r}, not "yukang {version}"')
    ok(f'yukang --version: {p.stdout.strip()}')

    db = os.path.join(work, 'pilot.ykdb')
    p = run(['yukang', 'init', '--db', db, '--user', 'admin', '--display-name', '协调员',
             '--password-file', '-', '--kdf', 'interactive'], env=env, cwd=work, input=PASSWORD)
    if not re.search(r'^[0-9A-Z]{4}(-[0-9A-Z]{4})+$', p.stdout.strip().splitlines()[-1]):
        sys.exit(f'yukang init printed no recovery key last:\n{p.stdout}')
    ok('yukang init')
    run(['yukang', 'demo', '--db', db, '--user', 'admin', '--password-file', '-'],
        env=env, cwd=work, input=PASSWORD)
    ok('yukang demo')
    p = run(['yukang', 'report', '--db', db, '--user', 'admin', '--password-file', '-',
             '--period', '2021Q4'], env=env, cwd=work, input=PASSWORD)
    if '2021年10月1日至2021年12月31日' not in p.stdout:
        sys.exit(f'the 2021Q4 report has no summary paragraph for its period:\n{p.stdout}')
    ok('yukang report --period 2021Q4')

    zh = dict(env, LANGUAGE='zh_CN', LANG='zh_CN.UTF-8')
    p = run(['yukang', '--help'], env=zh, cwd=work)
    if '用法' not in p.stdout or '命令' not in p.stdout:
        sys.exit(f'yukang --help is not in Chinese with LANG=zh_CN.UTF-8 '
                 f'(is the zh_CN.UTF-8 locale generated?):\n{p.stdout}')
    ok('LANGUAGE=zh_CN yukang --help is in Chinese (translations found without env)')

    run(['desktop-file-validate', '/usr/share/applications/cn.yukang.Yukang.desktop'], env=env)
    ok('desktop-file-validate on the installed desktop file')
    run(['appstreamcli', 'validate', '--no-net', '--explain',
         '/usr/share/metainfo/cn.yukang.Yukang.metainfo.xml'], env=env)
    ok('appstreamcli validate --no-net on the installed metainfo')
    p = run(['gsettings', 'list-keys', 'cn.yukang.Yukang'], env=env, check=False)
    if p.returncode == 0 and 'recent-databases' not in p.stdout:
        sys.exit(f'the installed schema has no recent-databases key:\n{p.stdout}{p.stderr}')
    if p.returncode != 0 and shutil.which('gsettings'):
        sys.exit(f'the schema is not compiled into the system schemas:\n{p.stderr}')

    p = run(['man', '-w', 'yukang'], env=env)
    if p.stdout.strip() != '/usr/share/man/man1/yukang.1.gz':
        sys.exit(f'man -w yukang: {p.stdout.strip()}')
    p = run(['man', '-P', 'cat', 'yukang'], env=dict(env, MANWIDTH='80'))
    if 'EXIT STATUS' not in p.stdout:
        sys.exit(f'man yukang does not render:\n{p.stdout[:2000]}{p.stderr}')
    ok(f'man -w yukang: {p.stdout and "/usr/share/man/man1/yukang.1.gz"}')

    # A new account's ~/.bashrc (Debian's /etc/skel) enables bash-completion,
    # which loads /usr/share/bash-completion/completions/yukang on demand.
    shutil.copy('/etc/skel/.bashrc', os.path.join(home, '.bashrc'))
    script = ('__load_completion yukang || _completion_loader yukang; complete -p yukang; '
              'COMP_WORDS=(yukang report --format ""); COMP_CWORD=3; COMP_LINE="yukang report --format "; '
              'COMP_POINT=${#COMP_LINE}; _yukang; echo "formats: ${COMPREPLY[*]}"; '
              'COMP_WORDS=(yukang re); COMP_CWORD=1; COMP_LINE="yukang re"; COMP_POINT=${#COMP_LINE}; '
              '_yukang; echo "commands: ${COMPREPLY[*]}"')
    p = run(['bash', '-i', '-c', script], env=env, cwd=work, check=False, timeout=60)
    if 'complete -F _yukang yukang' not in p.stdout or \
       'formats: text csv json xlsx pdf' not in p.stdout or 'commands: report' not in p.stdout:
        sys.exit(f'the completion does not load or complete in bash -i:\n{p.stdout}{p.stderr}')
    ok('bash -i: complete -p yukang, and it completes commands and --format')

    screenshot = os.path.normpath(os.path.join(source_root, '..', 'shared', 'tools', 'screenshot'))
    if os.access(screenshot, os.X_OK):
        png = os.path.join(scratch, 'unlock.png')
        p = run([screenshot, png, '--wait', '4', '--', 'yukang', '--db', db],
                env=zh, cwd=work, timeout=120)
        if not os.path.exists(png) or os.path.getsize(png) < 20000:
            sys.exit(f'the screenshot is missing or nearly empty:\n{p.stdout}{p.stderr}')
        colours = run(['identify', '-format', '%k', png], env=env, check=False).stdout.strip()
        if colours.isdigit() and int(colours) < 64:
            sys.exit(f'the screenshot has {colours} colours: no window drawn')
        kept = os.environ.get('YUKANG_PACKAGE_SCREENSHOT')
        if kept:
            shutil.copy(png, kept)
        ok(f'a screenshot of the installed window ({os.path.getsize(png)} bytes, '
           f'{colours} colours){" kept in " + kept if kept else ""}')
    else:
        print(f'# no {screenshot}: no screenshot taken', flush=True)

    purge()
    if installed():
        sys.exit('yukang is still installed after apt-get purge')
    left = [f for f in files
            if os.path.lexists(f) and (not os.path.isdir(f) or 'yukang' in f.lower())]
    if left:
        sys.exit('apt-get purge left these files of the package:\n' + '\n'.join(left))
    kept = [f for f in files if os.path.lexists(f)]
    print('\n'.join('# still there (shared with other packages): ' + f for f in kept), flush=True)
    ok(f'apt-get purge yukang: none of its {len(files)} paths is left '
       f'but {len(kept)} folders other packages share')
finally:
    try:
        purge()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
print(f'1..{step}')
