#!/usr/bin/env python3
"""Lets TorchSharp 0.107.0's libLibTorchSharp.so load on a system libstdc++ without GLIBCXX_3.4.32.

libLibTorchSharp.so asks for GLIBCXX_3.4.32 (Debian 12's libstdc++ stops at 3.4.30), yet the
only symbol of that version, std::ios_base_library_init, has no relocation: nothing calls it.
The dynamic loader refuses a library whose version requirement is unmet, unless the requirement
is marked weak. This script sets VER_FLG_WEAK on that one entry of the ELF's .gnu.version_r
(in place, idempotent) — and only when the system libstdc++ really lacks the version.

Usage: weaken_glibcxx.py LIBRARY [LIBRARY...]   (missing files are skipped)
Run by the benchmark project's build (see Directory.Build.targets next to the project).
"""
import glob
import os
import struct
import sys

VERSION = b"GLIBCXX_3.4.32"
SHT_GNU_VERNEED = 0x6FFFFFFE
VER_FLG_WEAK = 0x2


def system_libstdcxx() -> str | None:
    for pattern in ("/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
                    "/usr/lib64/libstdc++.so.6", "/usr/lib/*/libstdc++.so.6"):
        for path in sorted(glob.glob(pattern)):
            if os.path.exists(path):
                return path
    return None


def system_has_version() -> bool:
    path = system_libstdcxx()
    if path is None:
        return False  # unknown: weakening is harmless then
    with open(path, "rb") as f:
        return VERSION + b"\0" in f.read()


def weaken(path: str) -> str:
    with open(path, "r+b") as f:
        data = bytearray(f.read())
        if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
            return "not a little-endian ELF64 file; left alone"
        e_shoff, = struct.unpack_from("<Q", data, 0x28)
        e_shentsize, e_shnum = struct.unpack_from("<HH", data, 0x3A)

        def section(i: int):
            # sh_name, sh_type, sh_flags, sh_addr, sh_offset, sh_size, sh_link, sh_info, ...
            return struct.unpack_from("<IIQQQQII", data, e_shoff + i * e_shentsize)

        changed = found = 0
        for i in range(e_shnum):
            _, sh_type, _, _, sh_offset, _, sh_link, sh_info = section(i)
            if sh_type != SHT_GNU_VERNEED:
                continue
            strtab_offset = section(sh_link)[4]
            entry = sh_offset
            for _ in range(sh_info):  # sh_info = number of Verneed entries
                _, vn_cnt, _, vn_aux, vn_next = struct.unpack_from("<HHIII", data, entry)
                aux = entry + vn_aux
                for _ in range(vn_cnt):
                    _, vna_flags, _, vna_name, vna_next = struct.unpack_from("<IHHII", data, aux)
                    start = strtab_offset + vna_name
                    name = bytes(data[start:data.index(0, start)])
                    if name == VERSION:
                        found += 1
                        if not vna_flags & VER_FLG_WEAK:
                            struct.pack_into("<H", data, aux + 4, vna_flags | VER_FLG_WEAK)
                            changed += 1
                    aux += vna_next
                    if vna_next == 0:
                        break
                entry += vn_next
                if vn_next == 0:
                    break
        if changed:
            f.seek(0)
            f.write(data)
        if not found:
            return f"no {VERSION.decode()} requirement; left alone"
        return f"{VERSION.decode()} marked weak" if changed else f"{VERSION.decode()} already weak"


def main(argv: list[str]) -> int:
    if system_has_version():
        print(f"weaken_glibcxx: system libstdc++ has {VERSION.decode()}; nothing to do")
        return 0
    for path in argv[1:]:
        if os.path.exists(path):
            print(f"weaken_glibcxx: {path}: {weaken(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
