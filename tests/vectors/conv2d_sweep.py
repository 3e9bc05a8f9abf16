#!/usr/bin/python3
"""Conformance vectors: a broad random sweep of torch.nn.Conv2d configurations, forward and backward.

Writes, from a fixed seed:
  tests/ConvGen.Conformance.Tests/Data/conv2d_sweep.json   the vectors (format below)
  tests/ConvGen.Conformance.Tests/SweepLayers.g.cs          one [ConvLayer] class per case + factory tables

Run with Debian's PyTorch:
  /usr/bin/python3 tests/vectors/conv2d_sweep.py                 # declare every case
  /usr/bin/python3 tests/vectors/conv2d_sweep.py --declare basic,multichannel
      # declare only cases whose features are all in the list (for a generator that does not yet
      # support everything); the others stay in the data and are listed in the .g.cs as not declared.

Format of conv2d_sweep.json: {"cases": [...]} where each case holds its configuration (kernel, channels,
stride/padding/dilation per axis, the four resolved pads, groups, bias, padding_mode, batch and input
size, output size), the exact [ConvLayer] attribute text, a family and feature list, and "tensors":
input, weight, bias, output, output_grad, input_grad, weight_grad, bias_grad. A tensor is a base64
string of its float32 values, little-endian, in PyTorch's contiguous (NCHW / [out, in/groups, kh, kw])
order; an absent bias is the empty string. The float32 values round-trip exactly.

Each case is checked here against the same computation in float64: every float32 result lies within
gamma_m * sum|terms| of it, the bound the C# tests use (m = number of terms of that sum, counted by
running the convolution on ones; sum|terms| from |input|, |weight|, |output_grad|). A PyTorch result
outside it would mean the bound, not ConvGen, is wrong, so the script refuses to write such data.
"""
import argparse
import base64
import json
import os
import random
import warnings

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

SEED = 20261129
U = 2.0 ** -24
HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.normpath(os.path.join(HERE, "..", "ConvGen.Conformance.Tests"))
MODES = ["zeros", "reflect", "replicate", "circular"]
CS_MODES = {"zeros": "Zeros", "reflect": "Reflect", "replicate": "Replicate", "circular": "Circular"}


def gamma(n):
    return n * U / (1 - n * U) if n > 0 else 0.0


# ----------------------------------------------------------------------------------------------
# Configurations
# ----------------------------------------------------------------------------------------------

def base(kh, kw):
    return dict(in_channels=1, out_channels=1, kernel_height=kh, kernel_width=kw,
                stride_height=1, stride_width=1, padding="explicit", padding_height=0, padding_width=0,
                dilation_height=1, dilation_width=1, groups=1, bias=True, padding_mode="zeros",
                fixed_input=False, batch=1, height=None, width=None,
                stride_spelling="both", padding_spelling="both", dilation_spelling="both",
                explicit_defaults=False)


def resolved_pads(c):
    """(top, bottom, left, right) as PyTorch applies them."""
    if c["padding"] == "valid":
        return 0, 0, 0, 0
    if c["padding"] == "same":
        th = c["dilation_height"] * (c["kernel_height"] - 1)
        tw = c["dilation_width"] * (c["kernel_width"] - 1)
        return th // 2, th - th // 2, tw // 2, tw - tw // 2   # the odd one out goes bottom/right
    return c["padding_height"], c["padding_height"], c["padding_width"], c["padding_width"]


def input_size_for(extent, stride, pad_lo, pad_hi, out, extra):
    """Input size that gives `out` outputs: (size + pads - extent) // stride + 1 == out."""
    return (out - 1) * stride + extent + min(extra, stride - 1) - pad_lo - pad_hi


def set_input_size(c, rng, oh=None, ow=None):
    """Picks height/width for target output sizes (random small ones when not given)."""
    top, bottom, left, right = resolved_pads(c)
    eh = c["dilation_height"] * (c["kernel_height"] - 1) + 1
    ew = c["dilation_width"] * (c["kernel_width"] - 1) + 1
    oh = oh if oh is not None else rng.randint(1, 6)
    ow = ow if ow is not None else rng.randint(1, 12)
    if c["padding"] == "same":
        c["height"], c["width"] = max(oh, 1), max(ow, 1)
        return
    c["height"] = input_size_for(eh, c["stride_height"], top, bottom, oh, rng.randint(0, 2))
    c["width"] = input_size_for(ew, c["stride_width"], left, right, ow, rng.randint(0, 2))


def features(c):
    f = []
    if c["in_channels"] > 1 or c["out_channels"] > 1:
        f.append("multichannel")
    if c["stride_height"] > 1 or c["stride_width"] > 1:
        f.append("stride")
    if c["padding"] == "same":
        f.append("same")
    elif c["padding"] == "valid":
        f.append("valid")
    elif c["padding_height"] or c["padding_width"]:
        f.append("padding")
    if c["dilation_height"] > 1 or c["dilation_width"] > 1:
        f.append("dilation")
    if c["groups"] > 1:
        f.append("groups")
    if c["padding_mode"] != "zeros":
        f.append(c["padding_mode"])
    if c["fixed_input"]:
        f.append("fixed")
    if c["batch"] > 1:
        f.append("batch")
    if "axis" in (c["stride_spelling"], c["padding_spelling"], c["dilation_spelling"]) or \
       "override" in (c["stride_spelling"], c["padding_spelling"], c["dilation_spelling"]):
        f.append("per_axis_spelling")
    return f or ["basic"]


def fam_basic(rng, i):
    """Issue 2's scope: one channel, stride 1, no padding; output widths of every remainder mod 8."""
    kh = rng.randint(1, 7)
    kw = rng.randint(1, 16) if i % 3 == 0 else rng.randint(1, 7)
    c = base(kh, kw)
    c["bias"] = rng.random() < 0.5
    r = i % 8
    ow = 8 * rng.randint(0, 2) + r or 8
    set_input_size(c, rng, oh=rng.randint(1, 5), ow=ow)
    return c


def fam_narrow(rng, i):
    """Inputs exactly as large as the (dilated) kernel: 1x1 outputs."""
    c = base(rng.randint(1, 7), rng.randint(1, 16))
    c["bias"] = i % 2 == 0
    if i >= 2:
        c["dilation_height"], c["dilation_width"] = rng.randint(1, 3), rng.randint(1, 3)
        c["dilation_spelling"] = "axis"
        c["kernel_height"], c["kernel_width"] = rng.randint(1, 4), rng.randint(1, 5)
    if i >= 4:
        c["in_channels"], c["out_channels"] = rng.randint(1, 3), rng.randint(1, 3)
    set_input_size(c, rng, oh=1, ow=1)
    return c


def fam_channels(rng, i):
    c = base(rng.randint(1, 5), rng.randint(1, 7))
    c["in_channels"], c["out_channels"] = rng.randint(1, 4), rng.randint(1, 5)
    if c["in_channels"] == c["out_channels"] == 1:
        c["out_channels"] = 3
    c["bias"] = rng.random() < 0.7
    set_input_size(c, rng)
    return c


def fam_stride(rng, i):
    c = base(rng.randint(1, 5), rng.randint(1, 7))
    kind = ["both", "axis", "override"][i % 3]
    c["stride_spelling"] = kind
    if kind == "both":
        c["stride_height"] = c["stride_width"] = rng.randint(2, 3)
    else:
        c["stride_height"], c["stride_width"] = rng.choice([(1, 2), (2, 1), (3, 2), (2, 3), (1, 3)])
    c["in_channels"], c["out_channels"] = rng.choice([(1, 1), (2, 1), (1, 2), (3, 2)])
    set_input_size(c, rng)
    return c


def fam_padding(rng, i):
    c = base(rng.randint(1, 5), rng.randint(1, 7))
    kind = ["both", "axis", "override"][i % 3]
    c["padding_spelling"] = kind
    if kind == "both":
        c["padding_height"] = c["padding_width"] = rng.randint(1, 3)
    else:
        c["padding_height"], c["padding_width"] = rng.randint(0, 3), rng.randint(0, 3)
        if c["padding_height"] == c["padding_width"]:
            c["padding_width"] += 1
    if i % 4 == 3:
        c["in_channels"], c["out_channels"] = 2, 3
    set_input_size(c, rng)
    return c


def fam_same(rng, i):
    # odd and even kernels; even ones put the extra row/column at the bottom/right
    c = base(rng.randint(1, 6), rng.randint(1, 8))
    if i < 4:
        c["kernel_height"], c["kernel_width"] = [(2, 2), (4, 3), (1, 6), (3, 4)][i]
    c["padding"] = "same"
    if i % 3 == 1:
        c["dilation_height"], c["dilation_width"] = rng.randint(1, 3), rng.randint(2, 3)
        c["dilation_spelling"] = "axis"
    if i % 4 == 2:
        c["in_channels"], c["out_channels"] = 2, 2
    set_input_size(c, rng)
    return c


def fam_valid(rng, i):
    c = base(rng.randint(1, 5), rng.randint(1, 7))
    c["padding"] = "valid"
    if i % 2:
        c["stride_height"] = c["stride_width"] = 2
    set_input_size(c, rng)
    return c


def fam_dilation(rng, i):
    c = base(rng.randint(2, 4), rng.randint(2, 5))
    kind = ["both", "axis", "override"][i % 3]
    c["dilation_spelling"] = kind
    if kind == "both":
        c["dilation_height"] = c["dilation_width"] = rng.randint(2, 3)
    else:
        c["dilation_height"], c["dilation_width"] = rng.choice([(1, 2), (2, 1), (3, 2), (2, 3)])
    if i % 3 == 2:
        c["padding_height"] = c["padding_width"] = 1
    set_input_size(c, rng)
    return c


def fam_groups(rng, i):
    c = base(rng.randint(1, 4), rng.randint(1, 5))
    kind = i % 3
    if kind == 0:   # general groups
        g = rng.choice([2, 3])
        c["groups"] = g
        c["in_channels"], c["out_channels"] = g * rng.randint(1, 2), g * rng.randint(1, 3)
    elif kind == 1:  # depthwise
        n = rng.randint(2, 5)
        c["groups"] = c["in_channels"] = c["out_channels"] = n
    else:           # channel multiplier: out = k * in, groups = in
        n, k = rng.randint(2, 3), rng.randint(2, 3)
        c["groups"] = c["in_channels"] = n
        c["out_channels"] = k * n
    c["bias"] = rng.random() < 0.6
    if i % 4 == 3:
        c["padding_height"] = c["padding_width"] = 1
    set_input_size(c, rng)
    return c


def fam_mode(mode):
    def make(rng, i):
        c = base(rng.randint(1, 5), rng.randint(1, 6))
        c["padding_mode"] = mode
        if i % 4 == 3:
            c["padding"] = "same"
        else:
            c["padding_spelling"] = "both" if i % 2 == 0 else "axis"
            c["padding_height"] = rng.randint(0, max(1, c["kernel_height"] - 1))
            c["padding_width"] = rng.randint(1, max(1, c["kernel_width"]))
            if i % 2 == 0:
                c["padding_width"] = c["padding_height"] = max(1, c["padding_height"])
        if i % 3 == 1 and c["padding"] != "same":  # PyTorch: 'same' needs stride 1
            c["stride_height"] = c["stride_width"] = 2
        if i % 3 == 2:
            c["dilation_height"] = c["dilation_width"] = 2
        if i % 5 == 4:
            c["in_channels"], c["out_channels"] = 2, 2
        set_input_size(c, rng)
        return c
    return make


def fam_fixed(rng, i):
    maker = [fam_basic, fam_channels, fam_stride, fam_padding, fam_same, fam_dilation, fam_groups,
             fam_mode("reflect"), fam_mode("replicate"), fam_mode("circular"), fam_valid, fam_narrow][i % 12]
    c = maker(rng, rng.randint(0, 11))
    c["fixed_input"] = True
    return c


def fam_batch(rng, i):
    maker = [fam_basic, fam_channels, fam_groups, fam_mode("reflect"), fam_stride, fam_same][i % 6]
    c = maker(rng, rng.randint(0, 11))
    c["batch"] = rng.randint(2, 4)
    return c


def fam_mixed(rng, i):
    """Everything at once, drawn at random."""
    c = base(rng.randint(1, 7), rng.randint(1, 9))
    g = rng.choice([1, 1, 2, 3])
    c["groups"] = g
    c["in_channels"], c["out_channels"] = g * rng.randint(1, 2), g * rng.randint(1, 2)
    c["padding_mode"] = rng.choice(MODES)
    c["dilation_height"], c["dilation_width"] = rng.choice([1, 1, 2]), rng.choice([1, 1, 2, 3])
    c["dilation_spelling"] = rng.choice(["both", "axis", "override"]) if c["dilation_height"] != c["dilation_width"] else "both"
    if c["dilation_spelling"] == "both" and c["dilation_height"] != c["dilation_width"]:
        c["dilation_spelling"] = "axis"
    if rng.random() < 0.25:
        c["padding"] = "same"
    else:
        c["stride_height"], c["stride_width"] = rng.choice([1, 2]), rng.choice([1, 2, 3])
        c["stride_spelling"] = "both" if c["stride_height"] == c["stride_width"] else rng.choice(["axis", "override"])
        c["padding_height"], c["padding_width"] = rng.randint(0, c["kernel_height"] // 2), rng.randint(0, c["kernel_width"] // 2)
        c["padding_spelling"] = "both" if c["padding_height"] == c["padding_width"] else rng.choice(["axis", "override"])
    c["bias"] = rng.random() < 0.6
    c["batch"] = rng.choice([1, 1, 2, 3])
    c["fixed_input"] = rng.random() < 0.3
    c["explicit_defaults"] = rng.random() < 0.3
    set_input_size(c, rng)
    return c


def fam_channels8(rng, i):
    """Multiples of 8 output channels per group with short or strided rows: ConvGen's forward pass vectorises
    these over output channels (benchmark S5 = LeNet C3 first). Fixed configurations, no random draws."""
    def make(kh, kw, cin, cout, h, w, fixed, groups=1, bias=True, batch=1, stride=(1, 1), pad=0, mode="zeros", dilation=1):
        c = base(kh, kw)
        c.update(in_channels=cin, out_channels=cout, groups=groups, bias=bias, batch=batch, height=h, width=w,
                 fixed_input=fixed, padding_height=pad, padding_width=pad, padding_mode=mode,
                 stride_height=stride[0], stride_width=stride[1], dilation_height=dilation, dilation_width=dilation)
        if stride[0] != stride[1]:
            c["stride_spelling"] = "axis"
        return c
    return [
        make(5, 5, 6, 16, 14, 14, True),                                         # LeNet C3: 10 x 10 outputs
        make(3, 3, 3, 8, 9, 11, True, pad=1, batch=2),                           # one block of 8
        make(3, 3, 2, 24, 7, 6, True, bias=False),                               # three blocks
        make(3, 3, 4, 32, 8, 8, True, groups=2, pad=1, mode="reflect", batch=2),  # 16 per group
        make(3, 3, 2, 64, 6, 7, True, groups=2),                                 # 32 per group: two channel tiles
        make(3, 3, 3, 16, 11, 13, False, stride=(2, 2), pad=1, batch=2),         # strided, size at run time
        make(3, 3, 3, 16, 3, 3, False, stride=(2, 2), pad=1, batch=2),           # 4 outputs: fewer than a tile
        make(3, 2, 2, 8, 5, 6, False, stride=(1, 2), dilation=2, bias=False),    # strided width, dilated, 2 outputs
    ][i]


def fam_winograd(rng, i):
    """3x3, stride 1, no dilation, one group, at least 16 channels each way in multiples of 8: ConvGen's forward pass
    takes Winograd F(2x2, 3x3) for these (benchmark S6's kind), whose rounding differs from a direct sum. Fixed
    configurations, no random draws: even and odd outputs (partial 2x2 tiles), padding modes, sizes fixed or given at run
    time, a batch, and 24 output channels (three blocks of 8)."""
    def make(cin, cout, h, w, fixed, pad=1, mode="zeros", bias=True, batch=1):
        c = base(3, 3)
        c.update(in_channels=cin, out_channels=cout, bias=bias, batch=batch, height=h, width=w, fixed_input=fixed,
                 padding_height=pad, padding_width=pad, padding_mode=mode)
        return c
    return [
        make(16, 16, 8, 8, True),                            # 8x8 output: 4x4 whole tiles
        make(16, 16, 7, 9, False, bias=False),               # 7x9 output: a last row and column of half tiles
        make(16, 16, 8, 8, True, pad=0),                     # 6x6 output, no padding
        make(16, 16, 6, 7, False, mode="reflect"),           # reflect padding, odd width
        make(16, 24, 5, 5, True),                            # 24 output channels, 5x5 output
        make(16, 16, 5, 6, False, batch=2),                  # a batch of 2
    ][i]


FAMILIES = [  # (name, maker, count)
    ("basic", fam_basic, 40),
    ("narrow", fam_narrow, 6),
    ("channels", fam_channels, 12),
    ("stride", fam_stride, 12),
    ("padding", fam_padding, 12),
    ("same", fam_same, 12),
    ("valid", fam_valid, 4),
    ("dilation", fam_dilation, 9),
    ("groups", fam_groups, 18),
    ("reflect", fam_mode("reflect"), 8),
    ("replicate", fam_mode("replicate"), 8),
    ("circular", fam_mode("circular"), 8),
    ("fixed", fam_fixed, 12),
    ("batch", fam_batch, 6),
    ("mixed", fam_mixed, 30),
    ("channels8", fam_channels8, 8),
    ("winograd", fam_winograd, 6),
]

# Families whose weights may exceed small_enough's usual limit (LeNet C3 has 2400; 16 -> 24 channels at 3x3, 3456).
WEIGHT_LIMITS = {"channels8": 2400, "winograd": 3456}


# ----------------------------------------------------------------------------------------------
# The attribute, spelled as the runtime declares it (src/Runtime/Layers/ConvLayerAttribute.cs)
# ----------------------------------------------------------------------------------------------

def spell_pair(name, h, w, spelling, default, explicit):
    if spelling == "both" or (spelling != "axis" and h == w):
        return [f"{name} = {h}"] if h != default or explicit else []
    if spelling == "axis":
        return [f"{name}Height = {h}", f"{name}Width = {w}"]
    # override: the both-axes value gives the height, the axis-specific one wins for the width
    return [f"{name} = {h}", f"{name}Width = {w}"]


def attribute(c):
    ex = c["explicit_defaults"]
    named = []
    if c["in_channels"] != 1 or ex:
        named.append(f"InChannels = {c['in_channels']}")
    if c["out_channels"] != 1 or ex:
        named.append(f"OutChannels = {c['out_channels']}")
    named += spell_pair("Stride", c["stride_height"], c["stride_width"], c["stride_spelling"], 1, ex)
    if c["padding"] == "same":
        named.append("PaddingKind = PaddingKind.Same")
    elif c["padding"] == "valid":
        named.append("PaddingKind = PaddingKind.Valid")
    else:
        named += spell_pair("Padding", c["padding_height"], c["padding_width"], c["padding_spelling"], 0, ex)
    if c["padding_mode"] != "zeros" or ex:
        named.append(f"PaddingMode = PaddingMode.{CS_MODES[c['padding_mode']]}")
    named += spell_pair("Dilation", c["dilation_height"], c["dilation_width"], c["dilation_spelling"], 1, ex)
    if c["groups"] != 1 or ex:
        named.append(f"Groups = {c['groups']}")
    if not c["bias"] or ex:
        named.append(f"Bias = {'true' if c['bias'] else 'false'}")
    if c["fixed_input"]:
        named += [f"InputHeight = {c['height']}", f"InputWidth = {c['width']}"]
    return f"[ConvLayer({', '.join([str(c['kernel_height']), str(c['kernel_width'])] + named)})]"


# ----------------------------------------------------------------------------------------------
# PyTorch
# ----------------------------------------------------------------------------------------------

def module(c, dtype):
    padding = c["padding"] if c["padding"] in ("same", "valid") else (c["padding_height"], c["padding_width"])
    m = nn.Conv2d(c["in_channels"], c["out_channels"], (c["kernel_height"], c["kernel_width"]),
                  stride=(c["stride_height"], c["stride_width"]), padding=padding,
                  dilation=(c["dilation_height"], c["dilation_width"]), groups=c["groups"],
                  bias=c["bias"], padding_mode=c["padding_mode"])
    return m.to(dtype)


def run(m, x, w, b, gy):
    """Forward + autograd backward with the given parameters; returns (y, dx, dw, db)."""
    with torch.no_grad():
        m.weight.copy_(w)
        if m.bias is not None:
            m.bias.copy_(b)
    m.zero_grad(set_to_none=True)
    x = x.clone().requires_grad_(True)
    y = m(x)
    y.backward(gy)
    return y.detach(), x.grad, m.weight.grad.clone(), (m.bias.grad.clone() if m.bias is not None else None)


def check_bound(name, what, got32, exact64, s, m):
    """|float32 result - exact| <= gamma_m * sum|terms| (+ a denormal-sized floor)."""
    err = (got32.double() - exact64).abs()
    tol = torch.tensor([gamma(int(v)) for v in m.reshape(-1).tolist()], dtype=torch.float64).reshape(m.shape) * s + 1e-30
    bad = err > tol
    if bad.any():
        i = int(bad.reshape(-1).nonzero()[0])
        raise SystemExit(f"{name} {what}: PyTorch float32 result outside the float32 bound at {i}: "
                         f"err {err.reshape(-1)[i].item():g} > {tol.reshape(-1)[i].item():g}")
    return float((err / tol).max())


def vectors(c, torch_gen):
    top, bottom, left, right = resolved_pads(c)
    shape_x = (c["batch"], c["in_channels"], c["height"], c["width"])
    m32 = module(c, torch.float32)  # PyTorch's default initialisation, drawn from the seeded generator
    x = torch.rand(shape_x, generator=torch_gen) * 2 - 1
    w = m32.weight.detach().clone()
    b = m32.bias.detach().clone() if c["bias"] else None
    with torch.no_grad():
        y_shape = m32(x).shape
    gy = torch.rand(y_shape, generator=torch_gen) * 2 - 1
    y, dx, dw, db = run(m32, x, w, b, gy)

    # float64: the exact values (to ~1e-16), sums of |terms| and term counts for the bound
    m64 = module(c, torch.float64)
    d = lambda t: None if t is None else t.double()
    y64, dx64, dw64, db64 = run(m64, x.double(), w.double(), d(b), gy.double())
    _, sdx, sdw, sdb = run(m64, x.double().abs(), w.double().abs(), d(b.abs()) if b is not None else None, gy.double().abs())
    sy = run(m64, x.double().abs(), w.double().abs(), d(b.abs()) if b is not None else None, gy.double())[0]
    ones = lambda t: None if t is None else torch.ones_like(t, dtype=torch.float64)
    # count terms on ones, with values that never cancel (a zero count stays zero)
    ny, ndx, ndw, ndb = run(m64, ones(x), ones(w), ones(b), torch.ones_like(gy, dtype=torch.float64))
    ratio = max(check_bound(c["name"], "output", y, y64, sy, ny.round()),
                check_bound(c["name"], "input_grad", dx, dx64, sdx, ndx.round()),
                check_bound(c["name"], "weight_grad", dw, dw64, sdw, ndw.round()),
                check_bound(c["name"], "bias_grad", db, db64, sdb, ndb.round()) if b is not None else 0.0)

    def b64(t):
        if t is None:
            return ""
        return base64.b64encode(t.detach().contiguous().numpy().astype("<f4").tobytes()).decode("ascii")

    c.update(pad_top=top, pad_bottom=bottom, pad_left=left, pad_right=right,
             out_height=y.shape[2], out_width=y.shape[3],
             tensors=dict(input=b64(x), weight=b64(w), bias=b64(b), output=b64(y), output_grad=b64(gy),
                          input_grad=b64(dx), weight_grad=b64(dw), bias_grad=b64(db)))
    return ratio


def small_enough(c, weight_limit=1200):
    if c["height"] is None or c["height"] < 1 or c["width"] < 1:
        return False
    per_group = c["in_channels"] // c["groups"]
    n_in = c["batch"] * c["in_channels"] * c["height"] * c["width"]
    n_w = c["out_channels"] * per_group * c["kernel_height"] * c["kernel_width"]
    return n_in <= 1200 and n_w <= weight_limit


def torch_accepts(c):
    try:
        m = module(c, torch.float32)
        with torch.no_grad():
            m(torch.zeros(c["batch"], c["in_channels"], c["height"], c["width"]))
        return True
    except Exception:  # PyTorch rejects it (e.g. reflect padding >= input size): draw again
        return False


# ----------------------------------------------------------------------------------------------
# C# declarations
# ----------------------------------------------------------------------------------------------

def write_cs(cases, declared, declare_arg):
    lines = [
        "// <auto-generated/>",
        "// Written by tests/vectors/conv2d_sweep.py from the same configurations as Data/conv2d_sweep.json.",
        f"// Declared: {'every case' if declare_arg is None else 'cases whose features are all in: ' + declare_arg}.",
        "#nullable enable",
        "",
        "namespace ConvGen.Conformance.Tests;",
        "",
    ]
    for c in cases:
        if c["name"] in declared:
            lines.append(f"{c['attribute']} internal partial class {c['name']} {{ }} // {c['family']}: {', '.join(c['features'])}")
    lines += [
        "",
        "/// <summary>Factories for the declared sweep layers, keyed by case name.</summary>",
        "internal static partial class SweepLayers",
        "{",
        "    /// <summary>Creates the case's generated layer on the given instruction-set path.</summary>",
        "    public static readonly IReadOnlyDictionary<string, Func<ConvPath, IConvLayer>> Create = new Dictionary<string, Func<ConvPath, IConvLayer>>",
        "    {",
    ]
    for c in cases:
        if c["name"] in declared:
            lines.append(f"        [\"{c['name']}\"] = path => new {c['name']} {{ ExecutionPath = path }},")
    lines += [
        "    };",
        "",
        "    /// <summary>The fixed-size overloads <c>Forward(input, output, batch)</c> and <c>Backward(input, outputGrad, inputGrad, batch)</c>.</summary>",
        "    public static readonly IReadOnlyDictionary<string, FixedSizeCalls> Fixed = new Dictionary<string, FixedSizeCalls>",
        "    {",
    ]
    for c in cases:
        if c["name"] in declared and c["fixed_input"]:
            n = c["name"]
            lines.append(f"        [\"{n}\"] = new((l, x, y, b) => (({n})l).Forward(x, y, b), (l, x, gy, gx, b) => (({n})l).Backward(x, gy, gx, b)),")
    lines += [
        "    };",
        "",
        "    /// <summary>Cases kept in the data but not declared (the generator did not support them when this file was written).</summary>",
        "    public static readonly IReadOnlyList<string> NotDeclared =",
        "    [",
    ]
    for c in cases:
        if c["name"] not in declared:
            lines.append(f"        \"{c['name']}\", // {c['family']}: {', '.join(c['features'])}")
    lines += ["    ];", "}", ""]
    with open(os.path.join(PROJECT, "SweepLayers.g.cs"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--declare", help="comma-separated features; declare only cases whose features are all listed "
                                      "(features: basic, multichannel, stride, padding, same, valid, dilation, groups, "
                                      "reflect, replicate, circular, fixed, batch, per_axis_spelling)")
    ap.add_argument("--only-cs", action="store_true", help="rewrite SweepLayers.g.cs from the existing JSON")
    args = ap.parse_args()
    allowed = None if args.declare is None else set(args.declare.split(","))
    json_path = os.path.join(PROJECT, "Data", "conv2d_sweep.json")

    if args.only_cs:
        with open(json_path, encoding="utf-8") as f:
            cases = json.load(f)["cases"]
    else:
        torch.set_num_threads(1)
        warnings.filterwarnings("ignore", message="Using padding='same' with even kernel")
        torch.manual_seed(SEED)
        rng = random.Random(SEED)
        gen = torch.Generator().manual_seed(SEED)
        cases, worst = [], 0.0
        for family, maker, count in FAMILIES:
            for i in range(count):
                for _ in range(200):
                    c = maker(rng, i)
                    if small_enough(c, WEIGHT_LIMITS.get(family, 1200)) and torch_accepts(c):
                        break
                else:
                    raise SystemExit(f"could not draw a valid {family} case {i}")
                c["name"] = f"Sweep{len(cases):03d}"
                c["family"] = family
                c["features"] = features(c)
                c["attribute"] = attribute(c)
                worst = max(worst, vectors(c, gen))
                cases.append(c)
        os.makedirs(os.path.dirname(json_path), exist_ok=True)
        doc = {
            "generator": "tests/vectors/conv2d_sweep.py",
            "torch_version": torch.__version__,
            "seed": SEED,
            "format": "tensors: base64 of little-endian float32 in PyTorch's contiguous layout; absent bias = empty string",
            "cases": cases,
        }
        with open(json_path, "w", encoding="utf-8", newline="\n") as f:
            json.dump(doc, f, indent=0, separators=(",", ":"))
            f.write("\n")
        print(f"{len(cases)} cases; PyTorch's worst error / bound = {worst:.3g}; {os.path.getsize(json_path) / 1e6:.2f} MB")

    declared = {c["name"] for c in cases if allowed is None or set(c["features"]) <= allowed}
    write_cs(cases, declared, args.declare)
    print(f"declared {len(declared)} of {len(cases)} cases")


if __name__ == "__main__":
    main()
