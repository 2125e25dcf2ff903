"""The baseline for bench/card_bench.py: a bare pyscard script sending the same APDUs as
`tome-window card read` (SELECT AP, SELECT PIN EF, PIN status, VERIFY, SELECT basic-info EF,
one 255-byte READ BINARY), with none of the program's checks. PIN from stdin; prints JSON."""

import json
import sys

from smartcard.System import readers

pin = sys.stdin.readline().strip().encode()
reader = next(r for r in readers() if str(r) == "Virtual PCD 00 00")
conn = reader.createConnection()
conn.connect()
tx = conn.transmit
tx([0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08])
tx([0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x11])
tx([0x00, 0x20, 0x00, 0x80])
_, sw1, sw2 = tx([0x00, 0x20, 0x00, 0x80, 0x04, *pin])
assert (sw1, sw2) == (0x90, 0x00)
tx([0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x02])
data, sw1, sw2 = tx([0x00, 0xB0, 0x00, 0x00, 0xFF])
data = bytes(data)
pos = 2
length = data[pos]
if length & 0x80:
    n = length & 0x7F
    length, pos = int.from_bytes(data[pos + 1 : pos + 1 + n], "big"), pos + 1 + n
else:
    pos += 1
fields, end = {}, pos + length
while pos < end:
    tag = int.from_bytes(data[pos : pos + 2], "big")
    size = data[pos + 2]
    fields[tag] = data[pos + 3 : pos + 3 + size]
    pos += 3 + size
conn.disconnect()
birth = fields[0xDF24].decode()
print(
    json.dumps(
        {
            "name": fields[0xDF22].decode(),
            "address": fields[0xDF23].decode(),
            "birth_date": f"{birth[:4]}-{birth[4:6]}-{birth[6:]}",
            "sex": fields[0xDF25].decode(),
        },
        ensure_ascii=False,
    )
)
