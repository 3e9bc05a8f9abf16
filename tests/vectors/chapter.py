#!/usr/bin/python3
"""PyTorch trajectories of the d2l chapter's kernel-learning loop, for ConvGen's tests.

Runs the chapter's loop exactly (seed/ "Learning a Kernel"):

    X = ones(6, 8); X[:, 2:6] = 0;  Y = the 6x7 edge map (+1 in column 1, -1 in column 5)
    conv2d = nn.Conv2d(1, 1, kernel_size=(1, 2), bias=False)
    for i in range(10):
        Y_hat = conv2d(X); l = (Y_hat - Y) ** 2
        conv2d.zero_grad(); l.sum().backward()
        conv2d.weight.data[:] -= lr * conv2d.weight.grad        # lr = 3e-2
        if (i + 1) % 2 == 0: print(f'epoch {i+1}, loss {l.sum():.3f}')

from several initial kernels, and writes tests/ConvGen.Tests/Data/chapter_trajectories.json:
per epoch the loss the chapter prints (computed before that epoch's update) and the weights after
the update, plus the exact strings the chapter prints.

Every float is a float32 value written as the repr of the equal Python float (double), so it
round-trips exactly: C# `(float)double.Parse(s)` gives back the same bits.

Run with Debian's PyTorch:  /usr/bin/python3 tests/vectors/chapter.py
"""
import json
import os
import sys

import numpy as np
import torch
from torch import nn

EPOCHS = 10
LR = 3e-2  # a Python float, as in the chapter; PyTorch multiplies a float32 tensor by it in float32

# Named initial kernels [[a, b]]. "torch_default_seed0/42" are nn.Conv2d's own default
# initialisation under torch.manual_seed, i.e. what the chapter's random start looks like.
FIXED_INITS = {
    "half_minus_0.3": [0.5, -0.3],
    "minus_0.2_0.8": [-0.2, 0.8],
    "zeros": [0.0, 0.0],
    "1.5_0.7": [1.5, 0.7],
    "solution": [1.0, -1.0],
    "minus_0.6_minus_0.05": [-0.6, -0.05],
    "2_2": [2.0, 2.0],
}
DEFAULT_SEEDS = [0, 42]


def f32(x):
    """A float32 value as the exactly equal Python float (its repr round-trips)."""
    return float(np.float32(x))


def chapter_data():
    X = torch.ones((6, 8))
    X[:, 2:6] = 0
    Y = torch.zeros((6, 7))
    Y[:, 1] = 1
    Y[:, 5] = -1
    return X.reshape((1, 1, 6, 8)), Y.reshape((1, 1, 6, 7))


def run(init):
    X, Y = chapter_data()
    conv2d = nn.Conv2d(1, 1, kernel_size=(1, 2), bias=False)
    with torch.no_grad():
        conv2d.weight.data[:] = torch.tensor(init, dtype=torch.float32).reshape(1, 1, 1, 2)
    initial = [f32(v) for v in conv2d.weight.data.reshape(-1).tolist()]
    losses, weights, printed = [], [], []
    for i in range(EPOCHS):
        Y_hat = conv2d(X)
        l = (Y_hat - Y) ** 2
        conv2d.zero_grad()
        l.sum().backward()
        conv2d.weight.data[:] -= LR * conv2d.weight.grad
        loss = l.sum()
        losses.append(f32(loss.item()))
        weights.append([f32(v) for v in conv2d.weight.data.reshape(-1).tolist()])
        if (i + 1) % 2 == 0:
            printed.append(f'epoch {i+1}, loss {loss:.3f}')
    learned = str(conv2d.weight.data.reshape((1, 2)))
    return initial, losses, weights, printed, learned


def margin_to_rounding_boundary(x, decimals=3):
    """Distance from x to the nearest value where the `decimals`-place rounding changes."""
    scaled = abs(x) * 10 ** decimals
    frac = scaled - np.floor(scaled)
    return abs(frac - 0.5) / 10 ** decimals


def main():
    torch.set_num_threads(1)
    inits = dict(FIXED_INITS)
    for seed in DEFAULT_SEEDS:
        torch.manual_seed(seed)
        default = nn.Conv2d(1, 1, kernel_size=(1, 2), bias=False).weight.data.reshape(-1).tolist()
        inits[f"torch_default_seed{seed}"] = default
    cases = []
    for name, init in inits.items():
        initial, losses, weights, printed, learned = run(init)
        # The chapter prints 3 decimals. When a loss lies closer to a rounding boundary than
        # float32 summation order can move it, its printed digit depends on that order (PyTorch's
        # own result changes with the CPU's reduction); record the distance so the test knows.
        margins = [margin_to_rounding_boundary(losses[e]) for e in range(1, EPOCHS, 2)]
        cases.append({
            "name": name,
            "initial_weight": initial,
            "losses": losses,
            "weights": weights,
            "printed": printed,
            "printed_margin": margins,
            "learned_kernel_printed": learned,
        })
        print(name, printed[-1], learned)
    X, Y = chapter_data()
    doc = {
        "generator": "tests/vectors/chapter.py",
        "torch_version": torch.__version__,
        "description": "d2l chapter loop: Conv2d(1,1,(1,2),bias=False), loss ((Y_hat-Y)**2).sum(), "
                       "w -= lr*grad; losses[e] is epoch e+1's loss before its update, weights[e] after it.",
        "epochs": EPOCHS,
        "lr": LR,
        "input": {"shape": [1, 1, 6, 8], "values": [f32(v) for v in X.reshape(-1).tolist()]},
        "target": {"shape": [1, 1, 6, 7], "values": [f32(v) for v in Y.reshape(-1).tolist()]},
        "cases": cases,
    }
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ConvGen.Tests", "Data", "chapter_trajectories.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print("wrote", os.path.normpath(out))


if __name__ == "__main__":
    main()
