#!/usr/bin/python3
"""Safetensors test vectors for ConvGen, made and checked with real PyTorch.

Run with Debian's PyTorch (the `python3` first on PATH may have no torch):

  /usr/bin/python3 tests/vectors/safetensors.py generate
      Writes tests/ConvGen.Deployment.Tests/Data/pytorch/<case>.safetensors (a Conv2d's state_dict,
      inside a small model when the case has a prefix) and <case>.io.safetensors (`input` and
      PyTorch's `output` for those weights).

  /usr/bin/python3 tests/vectors/safetensors.py verify
      Loads the files ConvGen wrote (tests/ConvGen.Deployment.Tests/Data/convgen/*.safetensors,
      committed; the C# tests assert the writer still produces them byte for byte) into a
      torch.nn.Conv2d with load_state_dict(strict=True), checks the weights equal the formula the
      C# side used, and that PyTorch's forward on the committed `input` matches ConvGen's `output`.
      Exits 1 on any mismatch.

When the `safetensors` package is installed it is used; otherwise (Debian 12 has no package for
it) the format is written and read here directly: 8-byte little-endian header length, a JSON
header padded with spaces to a multiple of 8, then the raw little-endian tensor bytes.
"""
import json
import os
import struct
import sys

import numpy as np
import torch

# This file is itself named safetensors.py: keep its folder off the import path so that
# `import safetensors` below finds the real package when one is installed, not this script.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _HERE]

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "tests", "ConvGen.Deployment.Tests", "Data")

try:
    import safetensors.torch as st  # type: ignore
except ImportError:
    st = None


def save(tensors, path, metadata=None):
    tensors = {k: v.detach().contiguous().to(torch.float32) for k, v in tensors.items()}
    if st is not None:
        st.save_file(tensors, path, metadata=metadata)
        return
    header = {}
    if metadata:
        header["__metadata__"] = metadata
    blobs, offset = [], 0
    for name in sorted(tensors):  # the safetensors package also orders equal-dtype tensors by name
        data = tensors[name].numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def load(path):
    if st is not None:
        return st.load_file(path)
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    data = raw[8 + n:]
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        assert info["dtype"] == "F32", f"{name}: dtype {info['dtype']}"
        b, e = info["data_offsets"]
        out[name] = torch.from_numpy(np.frombuffer(data[b:e], dtype="<f4").copy()).reshape(info["shape"])
    return out


class Model(torch.nn.Module):
    """A conv layer named by `prefix` inside a model, next to a second layer the loader must ignore."""

    def __init__(self, path, conv):
        super().__init__()
        parts = path.split(".")
        holder = self
        for p in parts[:-1]:
            if not hasattr(holder, p):
                holder.add_module(p, torch.nn.Module())
            holder = getattr(holder, p)
        holder.add_module(parts[-1], conv)
        self.head = torch.nn.Conv2d(conv.out_channels, 1, 1)


# name, prefix, Conv2d arguments, input shape [N, C, H, W]
CASES = [
    ("single_3x3_bias", "", dict(in_channels=1, out_channels=1, kernel_size=(3, 3), bias=True), (1, 1, 6, 8)),
    ("single_1x2_nobias", "", dict(in_channels=1, out_channels=1, kernel_size=(1, 2), bias=False), (1, 1, 6, 8)),
    ("multi_3to4_3x3_bias_prefixed", "conv1.", dict(in_channels=3, out_channels=4, kernel_size=(3, 3), bias=True), (2, 3, 7, 9)),
    ("grouped_4to6_2x3_nobias_prefixed", "features.0.", dict(in_channels=4, out_channels=6, kernel_size=(2, 3), groups=2, bias=False), (1, 4, 5, 11)),
]


def generate():
    out_dir = os.path.join(DATA, "pytorch")
    os.makedirs(out_dir, exist_ok=True)
    torch.manual_seed(20261129)
    for name, prefix, args, shape in CASES:
        conv = torch.nn.Conv2d(**args)
        if prefix:
            model = Model(prefix[:-1], conv)
            state = model.state_dict()
        else:
            state = conv.state_dict()
        x = torch.randn(*shape)
        with torch.no_grad():
            y = conv(x)
        save(dict(state), os.path.join(out_dir, f"{name}.safetensors"), metadata={"format": "pt"})
        save({"input": x, "output": y}, os.path.join(out_dir, f"{name}.io.safetensors"))
        print(f"{name}: keys {sorted(state)} output {list(y.shape)}")


def formula(n, a, b):
    """The values ConvGen's test wrote: exact binary fractions, so equality is exact."""
    return torch.tensor([((i * a) % b - b // 2) / 8.0 for i in range(n)], dtype=torch.float32)


# The C# test ConvGenWrittenFileTests writes these; keep the two in step.
WRITTEN = [
    # file stem, prefix, Conv2d arguments, weight formula (a, b), bias formula (a, b) or None
    ("conv_3to2_3x3_bias", "conv.", dict(in_channels=3, out_channels=2, kernel_size=(3, 3), bias=True), (7, 13), (5, 3)),
    ("conv_1x2_nobias", "", dict(in_channels=1, out_channels=1, kernel_size=(1, 2), bias=False), (1, 3), None),
]


def verify():
    ok = True
    for stem, prefix, args, wf, bf in WRITTEN:
        conv = torch.nn.Conv2d(**args)
        state = load(os.path.join(DATA, "convgen", f"{stem}.safetensors"))
        module = Model(prefix[:-1], conv) if prefix else conv
        own = {k: v for k, v in state.items()}
        # strict=True: the file must hold exactly this layer's parameters under the prefix
        # (the model's second layer is not in ConvGen's file, so load into the conv alone).
        conv.load_state_dict({k[len(prefix):]: v for k, v in own.items()}, strict=True)
        expected_w = formula(conv.weight.numel(), *wf).reshape(conv.weight.shape)
        good = torch.equal(conv.weight.detach(), expected_w)
        if bf is not None:
            good &= torch.equal(conv.bias.detach(), formula(conv.bias.numel(), *bf))
        io = load(os.path.join(DATA, "convgen", f"{stem}.io.safetensors"))
        with torch.no_grad():
            y = conv(io["input"])
        close = torch.allclose(y, io["output"], rtol=1e-5, atol=1e-5)
        diff = (y - io["output"]).abs().max().item()
        print(f"{stem}: keys {sorted(state)} weights {'equal' if good else 'DIFFER'}; "
              f"PyTorch output vs ConvGen's: max |diff| {diff:.3g} {'ok' if close else 'MISMATCH'}")
        ok &= bool(good) and bool(close)
        del module
    print("verify: " + ("all files load in PyTorch and match" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else "generate"
    if mode == "generate":
        generate()
    elif mode == "verify":
        sys.exit(verify())
    else:
        sys.exit(f"unknown mode {mode!r}; use generate or verify")
