#!/usr/bin/python3
"""Reference vectors for ConvGen's training runtime, computed by real PyTorch.

Run with Debian's python3-torch (1.13.x):  /usr/bin/python3 tests/vectors/training.py
Writes JSON into tests/ConvGen.Training.Tests/Data/:
  losses.json      every loss x reduction: input, target, value, d(sum of value)/d input
  optimizers.json  every optimiser (defaults and non-default options): initial parameters, the
                   gradient given at each step, and the parameters after each step
  net.json         Conv2d(1,4,3,padding=1) -> ReLU -> Conv2d(4,2,3,padding=1) trained with Adam
                   in mini-batches from fixed initial weights: loss and parameters after each step
  net_initial.safetensors, net_trained.safetensors
                   that net's state_dict before and after training, as PyTorch names it (0.weight, ...)
Everything is float32 and seeded, so the files are reproducible.

  /usr/bin/python3 tests/vectors/training.py verify MODEL.safetensors [IO.safetensors]
      Loads a checkpoint ConvGen wrote into a torch.nn.Sequential with load_state_dict(strict=True)
      (Conv2d at every index with a weight, padding kh//2 x kw//2, ReLU at the indices between) and,
      given a file with `input` and ConvGen's `output`, checks PyTorch's forward gives the same output.

Debian 12 has no `safetensors` package, so the format is written and read here directly: an 8-byte
little-endian header length, a JSON header padded with spaces to a multiple of 8, raw little-endian data.
"""
import json
import os
import struct
import sys
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ConvGen.Training.Tests", "Data")


def flat(t):
    # float32 -> Python float is exact; json writes the shortest repr that round-trips the double,
    # and that double is exactly the float32 value.
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def losses():
    g = torch.Generator().manual_seed(1)
    x = torch.randn(40, generator=g) * 2.0
    y = torch.randn(40, generator=g)
    # Put some differences exactly at / near the thresholds (0, 0.5, 1) where the piecewise losses switch.
    x[0] = y[0]            # d = 0
    x[1] = y[1] + 1.0      # d = +delta for delta 1
    x[2] = y[2] - 0.5      # d = -0.5
    x[3] = y[3] + 0.25
    cases = []
    specs = [
        ("mse", {}, lambda a, b, r, **k: F.mse_loss(a, b, reduction=r)),
        ("l1", {}, lambda a, b, r, **k: F.l1_loss(a, b, reduction=r)),
        ("huber", {"delta": 1.0}, lambda a, b, r, **k: F.huber_loss(a, b, reduction=r, delta=k["delta"])),
        ("huber", {"delta": 0.5}, lambda a, b, r, **k: F.huber_loss(a, b, reduction=r, delta=k["delta"])),
        ("smooth_l1", {"beta": 1.0}, lambda a, b, r, **k: F.smooth_l1_loss(a, b, reduction=r, beta=k["beta"])),
        ("smooth_l1", {"beta": 0.5}, lambda a, b, r, **k: F.smooth_l1_loss(a, b, reduction=r, beta=k["beta"])),
        ("smooth_l1", {"beta": 0.0}, lambda a, b, r, **k: F.smooth_l1_loss(a, b, reduction=r, beta=k["beta"])),
        # The chapter's loss: ((y_hat - y) ** 2).sum()
        ("squared_sum", {}, lambda a, b, r, **k: ((a - b) ** 2).sum()),
    ]
    for name, opts, fn in specs:
        reductions = ["sum"] if name == "squared_sum" else ["mean", "sum", "none"]
        for r in reductions:
            a = x.clone().requires_grad_(True)
            v = fn(a, y, r, **opts)
            v.sum().backward()
            cases.append({"loss": name, "options": opts, "reduction": r,
                          "input": flat(x), "target": flat(y),
                          "value": flat(v), "grad": flat(a.grad)})
    return {"torch": torch.__version__, "cases": cases}


def optimizers():
    # Two parameter tensors (a weight and a bias) so per-tensor state is exercised. The objective is
    # a fixed non-quadratic function so gradients change from step to step; the gradients PyTorch
    # computed are recorded, so the C# test feeds the optimiser exactly those gradients.
    g = torch.Generator().manual_seed(2)
    w0 = torch.randn(3, 4, generator=g)
    b0 = torch.randn(3, generator=g)
    a = torch.randn(5, 4, generator=g)
    t = torch.randn(5, 3, generator=g)
    steps = 12

    def objective(w, b):
        out = a @ w.t() + b
        return F.smooth_l1_loss(out, t, reduction="sum") + 0.1 * (w ** 4).sum()

    configs = [
        ("sgd", {"lr": 0.03}),
        ("sgd", {"lr": 0.02, "momentum": 0.9}),
        ("sgd", {"lr": 0.02, "momentum": 0.9, "dampening": 0.3, "weight_decay": 0.05}),
        ("sgd", {"lr": 0.02, "momentum": 0.8, "nesterov": True, "weight_decay": 0.01}),
        ("sgd", {"lr": 0.02, "momentum": 0.5, "maximize": True}),
        ("adam", {}),
        ("adam", {"lr": 0.05, "betas": [0.8, 0.99], "eps": 1e-6, "weight_decay": 0.1}),
        ("adam", {"lr": 0.05, "amsgrad": True}),
        ("adamw", {}),
        ("adamw", {"lr": 0.05, "betas": [0.85, 0.95], "eps": 1e-7, "weight_decay": 0.3, "amsgrad": True}),
        ("adamw", {"lr": 0.02, "maximize": True}),
    ]
    cases = []
    for name, opts in configs:
        w = w0.clone().requires_grad_(True)
        b = b0.clone().requires_grad_(True)
        kw = dict(opts)
        if "betas" in kw:
            kw["betas"] = tuple(kw["betas"])
        # foreach=False: the single-tensor loop, the definition the C# code follows.
        cls = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam, "adamw": torch.optim.AdamW}[name]
        opt = cls([w, b], foreach=False, **kw)
        trajectory = []
        for _ in range(steps):
            opt.zero_grad()
            objective(w, b).backward()
            grads = [flat(w.grad), flat(b.grad)]
            opt.step()
            trajectory.append({"grads": grads, "params": [flat(w), flat(b)]})
        cases.append({"optimizer": name, "options": opts,
                      "shapes": [list(w0.shape), list(b0.shape)],
                      "initial": [flat(w0), flat(b0)], "steps": trajectory})
    return {"torch": torch.__version__, "cases": cases}


def net():
    torch.manual_seed(3)
    model = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.Conv2d(4, 2, 3, padding=1))
    initial = {k: flat(v) for k, v in model.state_dict().items()}
    save_safetensors(model.state_dict(), os.path.join(OUT, "net_initial.safetensors"))
    g = torch.Generator().manual_seed(4)
    n, h, w = 6, 6, 7
    x = torch.randn(n, 1, h, w, generator=g)
    y = torch.randn(n, 2, h, w, generator=g)
    opt = torch.optim.Adam(model.parameters(), lr=0.01, foreach=False)
    batch = 4   # 6 samples -> batches of 4 and 2, in order (no shuffling)
    epochs = 3
    steps = []
    for _ in range(epochs):
        for s in range(0, n, batch):
            xb, yb = x[s:s + batch], y[s:s + batch]
            opt.zero_grad()
            out = model(xb)
            loss = F.mse_loss(out, yb)
            loss.backward()
            grads = {k: flat(p.grad) for k, p in model.named_parameters()}
            opt.step()
            steps.append({"loss": float(loss), "output": flat(out) if not steps else None,
                          "grads": grads,
                          "params": {k: flat(v) for k, v in model.state_dict().items()}})
    save_safetensors(model.state_dict(), os.path.join(OUT, "net_trained.safetensors"))
    return {"torch": torch.__version__, "batch": batch, "epochs": epochs, "lr": 0.01,
            "n": n, "height": h, "width": w, "input": flat(x), "target": flat(y),
            "initial": initial, "steps": steps}


def save_safetensors(tensors, path):
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name in sorted(tensors):
        data = tensors[name].detach().contiguous().to(torch.float32).numpy().astype("<f4").tobytes()
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


def load_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        assert info["dtype"] == "F32", (name, info["dtype"])
        a, b = info["data_offsets"]
        out[name] = torch.from_numpy(np.frombuffer(raw[8 + n + a:8 + n + b], dtype="<f4").copy()).reshape(info["shape"])
    return out


def verify(model_path, io_path=None):
    state = load_safetensors(model_path)
    last = max(int(k.split(".")[0]) for k in state)
    layers = []
    for i in range(last + 1):
        w = state.get(f"{i}.weight")
        if w is None:
            layers.append(torch.nn.ReLU())
            continue
        out_c, in_c, kh, kw = w.shape
        layers.append(torch.nn.Conv2d(in_c, out_c, (kh, kw), padding=(kh // 2, kw // 2), bias=f"{i}.bias" in state))
    model = torch.nn.Sequential(*layers)
    model.load_state_dict(state, strict=True)
    print("loaded", model_path, "into", model)
    if io_path:
        io = load_safetensors(io_path)
        with torch.no_grad():
            out = model(io["input"])
        diff = (out - io["output"]).abs().max().item()
        scale = io["output"].abs().max().item()
        print(f"max |PyTorch - ConvGen| = {diff:.3e} (outputs up to {scale:.3f})")
        if not diff <= 1e-5 * max(1.0, scale):
            print("MISMATCH")
            sys.exit(1)
    print("ok")


def write(name, obj):
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(obj, f, indent=None, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "verify":
        verify(*sys.argv[2:4])
        sys.exit(0)
    os.makedirs(OUT, exist_ok=True)
    write("losses.json", losses())
    write("optimizers.json", optimizers())
    write("net.json", net())
    print("wrote", OUT)
