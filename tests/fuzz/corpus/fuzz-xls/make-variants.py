# SPDX-License-Identifier: GPL-3.0-or-later
# Makes tests/fuzz/corpus/fuzz-xls/ variants from tests/data/ledger.xls.
import struct, sys, os
src, out = sys.argv[1], sys.argv[2]
d = open(src, 'rb').read()
u16 = lambda b, o: struct.unpack_from('<H', b, o)[0]
u32 = lambda b, o: struct.unpack_from('<I', b, o)[0]
ss = 1 << u16(d, 0x1e); mss = 1 << u16(d, 0x20)
dirstart = u32(d, 0x30); cutoff = u32(d, 0x38); minifat_start = u32(d, 0x3c)
sec = lambda n: d[(n + 1) * ss:(n + 2) * ss]
fat = []
for n in struct.unpack_from('<109I', d, 0x4c):
    if n != 0xffffffff:
        fat += struct.unpack('<%dI' % (ss // 4), sec(n))
def chain(start, table):
    out = []
    while start < 0xfffffffa:
        out.append(start); start = table[start]
    return out
dirdata = b''.join(sec(n) for n in chain(dirstart, fat))
entries = [dirdata[i:i + 128] for i in range(0, len(dirdata), 128)]
def name(e): return e[:u16(e, 0x40)].decode('utf-16le').rstrip('\0')
root = entries[0]
ministream = b''.join(sec(n) for n in chain(u32(root, 0x74), fat))
minifat = []
for n in chain(minifat_start, fat):
    minifat += struct.unpack('<%dI' % (ss // 4), sec(n))
wb = [e for e in entries if name(e) == 'Workbook'][0]
stream = b''.join(ministream[m * mss:(m + 1) * mss] for m in chain(u32(wb, 0x74), minifat))[:u32(wb, 0x78)]
print('Workbook stream', len(stream), 'bytes, starts', stream[:8].hex())

def dir_entry(nm, typ, start, size, child=0xffffffff, left=0xffffffff, right=0xffffffff):
    n = (nm + '\0').encode('utf-16le')
    e = n.ljust(64, b'\0') + struct.pack('<HBB', len(n), typ, 1) + struct.pack('<III', left, right, child)
    e = e.ljust(0x74, b'\0') + struct.pack('<II', start, size)
    return e.ljust(128, b'\0')

def cfb(stream, shift, cutoff=4096, version=None):
    """A compound file whose only stream, Workbook, is in regular sectors."""
    size = 1 << shift
    nstream = (len(stream) + size - 1) // size
    # sectors: 0 FAT, 1 directory, 2.. stream
    fatv = [0xfffffffd, 0xfffffffe] + [3 + i if i < nstream - 1 else 0xfffffffe for i in range(nstream)]
    fatv += [0xffffffff] * (size // 4 - len(fatv))
    assert len(fatv) == size // 4
    dirs = dir_entry('Root Entry', 5, 0xfffffffe, 0, child=1) + dir_entry('Workbook', 2, 2, len(stream))
    dirs = dirs.ljust(size, b'\0')
    h = bytearray(512)
    h[0:8] = bytes.fromhex('d0cf11e0a1b11ae1')
    struct.pack_into('<HHHH', h, 0x18, 0x3e, version or (3 if shift == 9 else 4), 0xfffe, shift)
    struct.pack_into('<H', h, 0x20, 6)
    struct.pack_into('<IIIIIIIII', h, 0x28, 1 if shift == 12 else 0, 1, 1, 0, cutoff, 0xfffffffe, 0, 0xfffffffe, 0)
    struct.pack_into('<109I', h, 0x4c, *([0] + [0xffffffff] * 108))
    head = bytes(h).ljust(size, b'\0')
    body = stream.ljust(nstream * size, b'\0')
    return head + struct.pack('<%dI' % (size // 4), *fatv) + dirs + body

def write(nm, b):
    open(os.path.join(out, nm), 'wb').write(b); print(nm, len(b))

write('ledger', d)
# Below the mini cutoff in ledger.xls; here in regular sectors, the cutoff 0.
write('regular-stream', cfb(stream, 9, cutoff=0))
write('sector-4096', cfb(stream, 12, cutoff=0))
# A FILEPASS record (0x002F) after the workbook's BOF: "protected by a password".
bof_len = 4 + u16(stream, 2)
# BOUNDSHEET (0x0085) records give each sheet's offset in the stream:
# moved by the 6 bytes inserted, as a real encrypted file keeps them.
filepass = struct.pack('<HHH', 0x2f, 2, 0)
moved = bytearray(stream)
at = 0
while at + 4 <= len(moved):
    rtype, rlen = struct.unpack_from('<HH', moved, at)
    if rtype == 0x85:
        struct.pack_into('<I', moved, at + 4, u32(moved, at + 4) + len(filepass))
    at += 4 + rlen
moved = bytes(moved)
write('password', cfb(moved[:bof_len] + filepass + moved[bof_len:], 9, cutoff=0))
