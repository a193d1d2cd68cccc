#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The carrier (DISTRICT.md, "The carrier"; docs/carrier.md): Syncthing
brings a site's snapshot to the coordinator, and the district view's
figures change once Syncthing says the folder is in sync.

Two Syncthing instances, "site" and "coordinator", run on loopback, each
with its own home in a temporary directory: GUI/REST and the sync protocol
on free 127.0.0.1 ports, global and local discovery, relays, NAT
traversal, usage and crash reporting and upgrades off. They know each
other by device ID (the site dials the coordinator's static address) and
share one folder, send only at the site (ignore patterns: its own snapshot
and nothing else) and receive only at the coordinator (no conflict
copies), as docs/carrier.md sets it up. Then:

  1. the site: `yukang init` + `yukang demo` (the pilot's two sites), and
     `yukang export --ledger` to see the records the figures count;
  2. a snapshot into the site's shared folder; wait until the coordinator
     has it; a district report at the coordinator;
  3. one home visit recorded at the site (`yukang import` of a one-row
     contacts.csv), a new snapshot, wait, a district report again;
  4. exactly home_visits changed, by +1, for that site and the total, and
     beneficiaries by what INDICATORS.md says (+1 when the visited person
     was not yet a beneficiary in the period, worked out from the ledger
     export) — nothing else; and the coordinator's copy is unchanged by
     the report (Syncthing has no local change in the receive-only folder).

Every wait is bounded (SYNC_TIMEOUT seconds); on failure both instances'
logs are printed. Both instances are always stopped (REST shutdown, then
a kill) and the temporary directory removed, also on failure or SIGTERM
(meson's timeout).

Modes (environment YUKANG_CARRIER_MODE):
  district (default, what meson runs): `yukang snapshot --output DIR` at
      the site and `yukang report --district DIR` at the coordinator.
  copy: for checking the Syncthing part before those two commands exist:
      the "snapshot" is an atomic copy of the database file into the
      folder (a '.'-name, then rename), and the "report" is
      `yukang report --db` on a private copy of the received file (a
      `--db` open writes an unlock entry into the audit trail, so it must
      not run on a file inside the receive-only folder).

Why Python and not shell: the REST API answers JSON and the reports are
JSON, the cleanup must run on every way out (try/finally, a SIGTERM
handler), and every wait needs a deadline; Python's standard library
(subprocess, urllib.request, json, tempfile, xml.etree) does all of it
without curl, jq or another package.

Usage: test-carrier.py YUKANG_BINARY     (exit status 0 pass, 1 fail)
Environment: YUKANG_CARRIER_MODE, SYNCTHING (default: syncthing on PATH),
YUKANG_CARRIER_KEEP=1 keeps the temporary directory for a look.
"""

import csv
import ctypes
import datetime
import glob
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

SYNC_TIMEOUT = 60       # seconds, each wait for the coordinator to be in sync
START_TIMEOUT = 30      # seconds, for an instance's REST API to answer
STOP_TIMEOUT = 10       # seconds, after /rest/system/shutdown, before a kill
COMMAND_TIMEOUT = 120   # seconds, any one yukang command
FOLDER_ID = 'yukang-snapshots'
USER = 'wang'
PASSWORD = 'carrier test password'

T0 = time.monotonic()


def log(message):
    print(f'[{time.monotonic() - T0:6.2f}s] {message}', flush=True)


class Failure(Exception):
    pass


class Terminated(BaseException):
    """SIGTERM (meson's timeout): unwind through every finally."""


def on_sigterm(signum, frame):
    raise Terminated(f'signal {signum}')


# --- Syncthing ---------------------------------------------------------------

def free_port():
    """A TCP port free on 127.0.0.1 now (bound, read, released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def die_with_parent():
    """In the child: SIGKILL when this test process dies, even by SIGKILL,
    so that no Syncthing outlives the test (prctl PR_SET_PDEATHSIG)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGKILL, 0, 0, 0)


class Syncthing:
    def __init__(self, binary, name, root):
        self.binary = binary
        self.name = name
        self.home = os.path.join(root, name, 'syncthing')
        self.log_path = os.path.join(root, name, 'syncthing.log')
        self.gui_port = free_port()
        self.sync_port = free_port()
        self.api_key = secrets.token_hex(16)
        self.process = None
        self.log_file = None
        self.env = dict(os.environ,
                        HOME=os.path.join(root, name),
                        STNODEFAULTFOLDER='1',
                        STNOUPGRADE='1',
                        STNORESTART='1')  # one process, no monitor to outlive a kill
        os.makedirs(self.home)
        self.run_quietly('generate', f'--home={self.home}', '--no-default-folder')
        out = self.run_quietly('serve', f'--home={self.home}', '--device-id')
        match = re.search(r'[A-Z2-7]{7}(?:-[A-Z2-7]{7}){7}', out)
        if not match:
            raise Failure(f'{name}: no device ID in: {out!r}')
        self.device_id = match.group(0)
        self.configure()

    def run_quietly(self, *args):
        result = subprocess.run([self.binary, *args], env=self.env, capture_output=True,
                                text=True, timeout=60)
        if result.returncode != 0:
            raise Failure(f'{self.name}: syncthing {" ".join(args)} failed '
                          f'({result.returncode}):\n{result.stdout}{result.stderr}')
        return result.stdout + result.stderr

    def configure(self):
        """Before the first start, so that nothing ever reaches past
        loopback: the GUI/REST and sync ports, every way out off."""
        path = os.path.join(self.home, 'config.xml')
        tree = ET.parse(path)
        root = tree.getroot()
        gui = root.find('gui')
        gui.set('tls', 'false')
        gui.find('address').text = f'127.0.0.1:{self.gui_port}'
        gui.find('apikey').text = self.api_key
        options = root.find('options')
        settings = {
            'listenAddress': f'tcp://127.0.0.1:{self.sync_port}',
            'globalAnnounceEnabled': 'false',
            'localAnnounceEnabled': 'false',
            'relaysEnabled': 'false',
            'natEnabled': 'false',
            'urAccepted': '-1',            # usage reporting declined
            'autoUpgradeIntervalH': '0',
            'crashReportingEnabled': 'false',
            'startBrowser': 'false',
            'stunKeepaliveStartS': '0',    # no STUN either
            # The default 60 s between dials would outlast the wait when a
            # first dial reaches the other before it knows this device.
            'reconnectionIntervalS': '1',
        }
        for key, value in settings.items():
            element = options.find(key)
            if element is None:
                element = ET.SubElement(options, key)
            element.text = value
        # `listenAddress` may repeat; keep only ours.
        for extra in options.findall('listenAddress')[1:]:
            options.remove(extra)
        tree.write(path, encoding='utf-8', xml_declaration=False)

    def start(self):
        self.log_file = open(self.log_path, 'wb')
        self.process = subprocess.Popen(
            [self.binary, 'serve', f'--home={self.home}', '--no-browser', '--no-restart',
             '--no-upgrade', '--no-default-folder', '--logflags=3'],
            env=self.env, stdin=subprocess.DEVNULL, stdout=self.log_file,
            stderr=subprocess.STDOUT, preexec_fn=die_with_parent)
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if self.process.poll() is not None:
                raise Failure(f'{self.name}: syncthing exited ({self.process.returncode}) '
                              'while starting')
            try:
                if self.rest('GET', '/rest/system/ping').get('ping') == 'pong':
                    break
            except (OSError, urllib.error.URLError):
                pass
            if time.monotonic() > deadline:
                raise Failure(f'{self.name}: REST API not answering on port {self.gui_port} '
                              f'after {START_TIMEOUT} s')
            time.sleep(0.2)
        log(f'{self.name}: syncthing up, device {self.device_id[:7]}, '
            f'REST 127.0.0.1:{self.gui_port}, sync tcp://127.0.0.1:{self.sync_port}')

    def rest(self, method, path, body=None, timeout=5):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f'http://127.0.0.1:{self.gui_port}{path}',
                                         data=data, method=method,
                                         headers={'X-API-Key': self.api_key,
                                                  'Content-Type': 'application/json'})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read().decode()
        return json.loads(text) if text.strip() else None

    def rest_or_error(self, method, path):
        """For a failure's message: the answer, or why there is none."""
        try:
            return self.rest(method, path)
        except (OSError, urllib.error.URLError, ValueError) as e:
            return f'REST error: {e}'

    def add_device(self, other, dial):
        """As the GUI's 添加远程设备 does: by ID, and with the other's static
        address when this side is to dial ("dynamic" otherwise, which with
        every discovery off means: wait to be called)."""
        self.rest('PUT', f'/rest/config/devices/{other.device_id}', {
            'deviceID': other.device_id,
            'name': other.name,
            'addresses': [f'tcp://127.0.0.1:{other.sync_port}'] if dial else ['dynamic'],
            'autoAcceptFolders': False,
        })

    def add_folder(self, path, folder_type, other, **settings):
        self.rest('PUT', f'/rest/config/folders/{FOLDER_ID}', {
            'id': FOLDER_ID,
            'label': 'Yukang snapshots',
            'path': path,
            'type': folder_type,
            'devices': [{'deviceID': self.device_id}, {'deviceID': other.device_id}],
            **settings,
        })

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            try:
                self.rest('POST', '/rest/system/shutdown', timeout=2)
            except (OSError, urllib.error.URLError, ValueError):
                pass
            try:
                self.process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                log(f'{self.name}: no exit {STOP_TIMEOUT} s after shutdown: killing')
                self.process.kill()
                self.process.wait()
        self.process = None
        if self.log_file:
            self.log_file.close()

    def print_log(self):
        print(f'----- {self.name}: {self.log_path} -----')
        try:
            with open(self.log_path, errors='replace') as f:
                print(f.read()[-20000:])
        except OSError as e:
            print(f'(no log: {e})')


# --- The carrier ---------------------------------------------------------------

def sha256(path):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for block in iter(lambda: f.read(1 << 20), b''):
            h.update(block)
    return h.hexdigest()


def snapshots_in(folder):
    """{name: (size, sha256)} of the *.ykdb files directly in folder, as
    `--district` picks them (glob skips names that start with '.')."""
    found = {}
    for path in sorted(glob.glob(os.path.join(folder, '*.ykdb'))):
        found[os.path.basename(path)] = (os.path.getsize(path), sha256(path))
    return found


def wait_in_sync(site, coordinator, site_folder, coordinator_folder, previous):
    """Until the coordinator holds exactly the site's snapshots, byte for
    byte, different from `previous`, and its REST API reports the folder
    idle with nothing left to pull; SYNC_TIMEOUT at most."""
    expected = snapshots_in(site_folder)
    if not expected:
        raise Failure(f'no *.ykdb in the site folder {site_folder}: {os.listdir(site_folder)}')
    if expected == previous:
        raise Failure('the new snapshot is byte for byte the previous one')
    # A program that writes into a folder tells Syncthing (the watcher would
    # see it too, after fsWatcherDelayS).
    site.rest('POST', f'/rest/db/scan?folder={FOLDER_ID}')
    start = time.monotonic()
    deadline = start + SYNC_TIMEOUT
    status = None
    have = None
    others = set()
    while True:
        try:
            status = coordinator.rest('GET', f'/rest/db/status?folder={FOLDER_ID}')
            have = snapshots_in(coordinator_folder)
            # Nothing else arrives: no temporary file, no conflict copy.
            others = set(os.listdir(coordinator_folder)) - set(expected) - {'.stfolder'}
            if (status['state'] == 'idle' and status['needFiles'] == 0
                    and status['needBytes'] == 0 and status['needDeletes'] == 0
                    and have == expected and not others):
                for name, (size, _) in expected.items():
                    info = coordinator.rest('GET', f'/rest/db/file?folder={FOLDER_ID}'
                                            f'&file={urllib.parse.quote(name)}')
                    if info['global']['size'] != size or info['local']['size'] != size:
                        raise Failure(f'REST db/file {name}: {info}')
                log(f'in sync after {time.monotonic() - start:.1f} s: '
                    + ', '.join(f'{n} {s} bytes sha256 {h[:12]}' for n, (s, h) in expected.items()))
                return expected
        except (OSError, urllib.error.URLError) as e:
            status = f'REST error: {e}'
        if time.monotonic() > deadline:
            connections = coordinator.rest_or_error('GET', '/rest/system/connections')
            errors = coordinator.rest_or_error('GET', f'/rest/folder/errors?folder={FOLDER_ID}')
            raise Failure(
                f'not in sync after {SYNC_TIMEOUT} s:\n'
                f'  site folder:        {expected}\n'
                f'  coordinator folder: {have}, and {sorted(others)}\n'
                f'  coordinator /rest/db/status: {json.dumps(status)}\n'
                f'  coordinator /rest/folder/errors: {json.dumps(errors)}\n'
                f'  coordinator /rest/system/connections: {json.dumps(connections)}')
        time.sleep(0.25)


class Yukang:
    def __init__(self, binary, root, mode):
        self.binary = binary
        self.mode = mode
        self.password_file = os.path.join(root, 'password')
        with open(self.password_file, 'w') as f:
            f.write(PASSWORD + '\n')
        # Yukang's own state (the district view's highest generations seen)
        # stays in the test's directory.
        home = os.path.join(root, 'yukang-home')
        self.env = dict(os.environ, HOME=home,
                        XDG_CONFIG_HOME=os.path.join(home, 'config'),
                        XDG_DATA_HOME=os.path.join(home, 'data'),
                        XDG_CACHE_HOME=os.path.join(home, 'cache'),
                        XDG_STATE_HOME=os.path.join(home, 'state'))
        self.scratch = os.path.join(root, 'coordinator', 'scratch')
        os.makedirs(self.scratch)

    def run(self, *args):
        command = [self.binary, *args]
        started = time.monotonic()
        result = subprocess.run(command, env=self.env, capture_output=True, text=True,
                                timeout=COMMAND_TIMEOUT, stdin=subprocess.DEVNULL)
        log(f'yukang {args[0]}: exit {result.returncode} in {time.monotonic() - started:.1f} s')
        if result.returncode != 0:
            raise Failure(f'{" ".join(command)} exited {result.returncode}:\n'
                          f'{result.stdout}{result.stderr}')
        return result.stdout

    def auth(self, db):
        return ['--db', db, '--user', USER, '--password-file', self.password_file]

    def snapshot(self, db, folder, name):
        """The site's step: a snapshot of db into the shared folder, which
        DISTRICT.md names after the site codes the file holds."""
        if self.mode == 'copy':
            temporary = os.path.join(folder, f'.{name}.tmp')
            shutil.copyfile(db, temporary)
            with open(temporary, 'rb+') as f:
                os.fsync(f.fileno())
            os.rename(temporary, os.path.join(folder, name))
            log(f'snapshot (copy mode): copied the database into the folder as {name}')
        else:
            self.run('snapshot', *self.auth(db), '--output', folder)
        written = sorted(snapshots_in(folder))
        if written != [name]:
            raise Failure(f'the site folder holds {written} after the snapshot; '
                          f'DISTRICT.md names the snapshot {name}')

    def report(self, folder, period):
        """The coordinator's step: the district's figures, as JSON."""
        if self.mode == 'copy':
            names = sorted(glob.glob(os.path.join(folder, '*.ykdb')))
            if len(names) != 1:
                raise Failure(f'copy mode expects one snapshot, found {names}')
            private = os.path.join(self.scratch, 'received.ykdb')
            shutil.copyfile(names[0], private)
            out = self.run('report', *self.auth(private), '--period', period, '--format', 'json')
        else:
            out = self.run('report', '--district', folder, '--user', USER,
                           '--password-file', self.password_file,
                           '--period', period, '--format', 'json')
        try:
            return json.loads(out)
        except json.JSONDecodeError as e:
            raise Failure(f'report is not JSON ({e}):\n{out}')


# --- The home visit and what it should change -----------------------------------

def read_ledger(path):
    with open(path, encoding='utf-8-sig', newline='') as f:
        return list(csv.DictReader(f))


def choose_home_visit(ledger):
    """(site code, case number, date, period, already)
    for a home visit to record: to an active service user, on a day of a
    period with no other service of theirs (INDICATORS.md's S: a reached
    contact, an activity attendance, an SDSS assessment, a linked
    questionnaire), so that beneficiaries moves too. The period is the
    longest such gap between two of their services, so it holds many other
    people's records that must not change. `already` says whether they
    were a beneficiary in the period before the visit: False, unless no
    one has such a gap (then: the first active person, from the start of
    the latest contact's quarter, and beneficiaries moves only if they had
    no service in it)."""
    def date(text):
        return datetime.date.fromisoformat(text)

    clients = read_ledger(os.path.join(ledger, 'clients.csv'))
    contacts = read_ledger(os.path.join(ledger, 'contacts.csv'))
    activities = {a['活动编号']: a for a in read_ledger(os.path.join(ledger, 'activities.csv'))}
    attendance = read_ledger(os.path.join(ledger, 'attendance.csv'))
    assessments = read_ledger(os.path.join(ledger, 'assessments.csv'))
    questionnaires = read_ledger(os.path.join(ledger, 'questionnaires.csv'))

    # The export leaves voided records out, and writes 是/否.
    served = {}
    def serve(case_no, day):
        if case_no:
            served.setdefault(case_no, set()).add(date(day))
    for c in contacts:
        if c['是否联系上'] in ('是', ''):
            serve(c['个案编号'], c['日期'])
    for a in attendance:
        serve(a['个案编号'], activities[a['活动编号']]['日期'])
    for a in assessments:
        serve(a['个案编号'], a['日期'])
    for q in questionnaires:
        serve(q['个案编号'], q['日期'])

    active = sorted((c for c in clients if c['状态'] in ('在册', '')),
                    key=lambda c: c['个案编号'])
    if not active:
        raise Failure('no active service user in the demo data')
    best = None
    for client in active:
        days = sorted(d for d in served.get(client['个案编号'], ()) if d >= date(client['建档日期']))
        for before, after in zip(days, days[1:]):
            gap = (after - before).days - 1
            if gap >= 7 and (best is None or gap > best[0]):
                best = (gap, client, before + datetime.timedelta(days=1),
                        after - datetime.timedelta(days=1))
    if best:
        _, client, first, last = best
        return (client['站点'], client['个案编号'], (first + (last - first) / 2).isoformat(),
                f'{first}..{last}', False)

    # Everyone is served all the time: a quarter, and S stays as it was.
    latest = max(date(c['日期']) for c in contacts)
    quarter = (latest.month - 1) // 3 + 1
    first = datetime.date(latest.year, 3 * quarter - 2, 1)
    last = min(latest, datetime.date.today())
    client = next((c for c in active if date(c['建档日期']) <= first), active[0])
    day = max(first, date(client['建档日期']))
    already = any(first <= d <= last for d in served.get(client['个案编号'], ()))
    return (client['站点'], client['个案编号'], day.isoformat(),
            f'{first}..{last}', already)


def snapshot_name(ledger):
    """JL+SPQ.ykdb: the codes of the sites the file holds (DISTRICT.md)."""
    codes = set()
    for table in ('clients', 'activities', 'questionnaires'):
        codes.update(row['站点'] for row in read_ledger(os.path.join(ledger, table + '.csv')))
    return '+'.join(sorted(codes)) + '.ykdb'


def record_home_visit(yukang, db, root, case_no, day):
    ledger = os.path.join(root, 'site', 'visit')
    os.makedirs(ledger)
    with open(os.path.join(ledger, 'contacts.csv'), 'w', encoding='utf-8', newline='') as f:
        f.write('个案编号,类型,日期,是否联系上\r\n')
        f.write(f'{case_no},上门服务,{day},是\r\n')
    out = yukang.run('import', *yukang.auth(db), ledger)
    log(f'import: {out.strip()}')


def figures(report):
    """{(site code | 'total', indicator): value}, plus the report's frame."""
    table = {}
    for site in report['sites']:
        for key, value in site['indicators'].items():
            table[(site['code'], key)] = value
    for key, value in report['total'].items():
        table[('total', key)] = value
    return table


def check_change(before, after, site_code, newly_served):
    for key in ('from', 'to', 'improvement_threshold'):
        if before.get(key) != after.get(key):
            raise Failure(f'{key} changed: {before.get(key)} → {after.get(key)}')
    old, new = figures(before), figures(after)
    if old.keys() != new.keys():
        raise Failure(f'the reports list different figures:\n{sorted(old)}\n{sorted(new)}')
    expected = {}
    for where in (site_code, 'total'):
        expected[(where, 'home_visits')] = 1
        expected[(where, 'beneficiaries')] = 1 if newly_served else 0
    if (site_code, 'home_visits') not in old:
        raise Failure(f'site {site_code} is not in the report: {sorted(old)}')
    wrong = []
    for cell in sorted(old):
        delta = new[cell] - old[cell]
        if delta != expected.get(cell, 0):
            wrong.append(f'  {cell[0]} {cell[1]}: {old[cell]} → {new[cell]} '
                         f'(expected {expected.get(cell, 0):+d})')
    if wrong:
        raise Failure('the figures did not change as one home visit should:\n' + '\n'.join(wrong))
    for cell, delta in sorted(expected.items()):
        log(f'  {cell[0]:>5} {cell[1]}: {old[cell]} → {new[cell]} ({delta:+d}, as expected)')


def check_untouched(coordinator, folder, received):
    """The report read the coordinator's copy and left it as it came."""
    if snapshots_in(folder) != received:
        raise Failure(f'the report changed the received snapshots: {snapshots_in(folder)} '
                      f'(received {received})')
    # Syncthing counts a local change once it has scanned the folder.
    coordinator.rest('POST', f'/rest/db/scan?folder={FOLDER_ID}', timeout=SYNC_TIMEOUT)
    status = coordinator.rest('GET', f'/rest/db/status?folder={FOLDER_ID}')
    changed = status['receiveOnlyChangedFiles'] + status['receiveOnlyChangedDeletes']
    if changed:
        raise Failure(f'the receive-only folder has local changes after the report: {status}')


# --- Main --------------------------------------------------------------------------

def run(yukang_binary, syncthing_binary, mode, root):
    yukang = Yukang(yukang_binary, root, mode)
    site = Syncthing(syncthing_binary, 'site', root)
    coordinator = Syncthing(syncthing_binary, 'coordinator', root)
    instances = [site, coordinator]
    site_folder = os.path.join(root, 'site', 'snapshots')
    coordinator_folder = os.path.join(root, 'coordinator', 'snapshots')
    database = os.path.join(root, 'site', 'site.ykdb')
    # Yukang's snapshot folder exists before it is shared, as at a site.
    os.makedirs(site_folder)
    try:
        site.start()
        coordinator.start()
        # Only the site dials, the coordinator's fixed address (as
        # docs/carrier.md sets it up), and only once the coordinator knows
        # it. Syncthing dials from its listening port: were both to dial at
        # once, loopback makes that one TCP connection opened from both ends,
        # where both sides wait for a Hello for 20 s before trying again.
        coordinator.add_device(site, dial=False)
        # maxConflicts 0: a snapshot changed at the coordinator by mistake is
        # replaced by the next one, never kept beside it as a second
        # "*.sync-conflict-*.ykdb" of the same site.
        coordinator.add_folder(coordinator_folder, 'receiveonly', site, maxConflicts=0)
        site.add_device(coordinator, dial=True)
        site.add_folder(site_folder, 'sendonly', coordinator)

        yukang.run('init', '--db', database, '--user', USER, '--display-name', '王协调员',
                   '--password-file', yukang.password_file, '--kdf', 'interactive')
        yukang.run('demo', *yukang.auth(database))
        ledger = os.path.join(root, 'site', 'ledger')
        yukang.run('export', *yukang.auth(database), '--ledger', ledger)
        site_code, case_no, day, period, already = choose_home_visit(ledger)
        name = snapshot_name(ledger)
        shutil.rmtree(ledger)
        # As docs/carrier.md has every site do: its own snapshot travels,
        # nothing else (not a temporary file; not, where the whole district
        # shares one folder, another site's snapshot, which this send-only
        # folder would otherwise list as out of sync).
        site.rest('POST', f'/rest/db/ignores?folder={FOLDER_ID}', {'ignore': [f'!/{name}', '*']})
        log(f'home visit to record: {case_no} ({site_code}) on {day}, reports for {period}; '
            f'{case_no} is {"already" if already else "not yet"} a beneficiary in that period')

        yukang.snapshot(database, site_folder, name)
        received = wait_in_sync(site, coordinator, site_folder, coordinator_folder, None)
        before = yukang.report(coordinator_folder, period)
        check_untouched(coordinator, coordinator_folder, received)

        record_home_visit(yukang, database, root, case_no, day)
        yukang.snapshot(database, site_folder, name)
        received = wait_in_sync(site, coordinator, site_folder, coordinator_folder, received)
        after = yukang.report(coordinator_folder, period)
        check_untouched(coordinator, coordinator_folder, received)

        check_change(before, after, site_code, not already)
    except BaseException:
        for instance in instances:
            instance.print_log()
        raise
    finally:
        for instance in instances:
            instance.stop()


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    yukang_binary = os.path.abspath(sys.argv[1])
    mode = os.environ.get('YUKANG_CARRIER_MODE', 'district')
    if mode not in ('district', 'copy'):
        print(f'YUKANG_CARRIER_MODE must be district or copy, not {mode}', file=sys.stderr)
        return 2
    syncthing_binary = shutil.which(os.environ.get('SYNCTHING', 'syncthing'))
    if not syncthing_binary:
        print('FAIL: syncthing is not installed (Debian package syncthing; '
              'build-aux/dev setup installs it)', file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, on_sigterm)
    version = subprocess.run([syncthing_binary, '--version'], capture_output=True,
                             text=True, timeout=30).stdout.strip()
    log(f'mode {mode}; {version}')
    root = tempfile.mkdtemp(prefix='yukang-carrier-')
    try:
        run(yukang_binary, syncthing_binary, mode, root)
    except Failure as e:
        print(f'FAIL: {e}', flush=True)
        return 1
    finally:
        if os.environ.get('YUKANG_CARRIER_KEEP'):
            log(f'kept {root}')
        else:
            shutil.rmtree(root, ignore_errors=True)
    log('PASS')
    return 0


if __name__ == '__main__':
    sys.exit(main())
