#!/usr/bin/python3
"""Exports one single-Conv ONNX model per benchmark shape (S1..S7 of issue 4).

Run with Debian's PyTorch (python3-torch): /usr/bin/python3 benchmarks/models/export.py
torch.onnx.export needs no `onnx` package. The weights follow the formulas of
benchmarks/ConvGen.Benchmarks/TestData.cs (exact in float32), so the C# side gives the other
contenders the same weights and checks that all four outputs agree before it times anything.
The shape table here must match benchmarks/ConvGen.Benchmarks/Shapes.cs.
"""
import os
import torch

# id: (in_channels, height, width, kernel_h, kernel_w, out_channels, padding, groups, bias)
SHAPES = {
    "S1": (1, 6, 8, 1, 2, 1, 0, 1, False),
    "S2": (1, 256, 256, 1, 2, 1, 0, 1, True),
    "S3": (1, 256, 256, 3, 3, 1, 0, 1, True),
    "S4": (1, 28, 28, 5, 5, 6, 2, 1, True),
    "S5": (6, 14, 14, 5, 5, 16, 0, 1, True),
    "S6": (64, 56, 56, 3, 3, 64, 1, 1, True),
    "S7": (32, 112, 112, 3, 3, 32, 1, 32, True),
}


def weight(i: int) -> float:
    return ((i * 5 + 1) % 23 - 11) / 64.0  # TestData.Weight


def bias(i: int) -> float:
    return ((i * 3 + 2) % 13 - 6) / 32.0  # TestData.Bias


def main() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    torch.manual_seed(0)
    for name, (cin, h, w, kh, kw, cout, pad, groups, has_bias) in SHAPES.items():
        conv = torch.nn.Conv2d(cin, cout, (kh, kw), padding=pad, groups=groups, bias=has_bias).eval()
        with torch.no_grad():
            n = conv.weight.numel()
            conv.weight.copy_(torch.tensor([weight(i) for i in range(n)]).reshape(conv.weight.shape))
            if has_bias:
                conv.bias.copy_(torch.tensor([bias(i) for i in range(cout)]))
        x = torch.randn(1, cin, h, w)
        path = os.path.join(here, f"{name}.onnx")
        torch.onnx.export(conv, (x,), path, input_names=["x"], output_names=["y"],
                          opset_version=13, do_constant_folding=True)
        print(f"{name}: {os.path.getsize(path)} bytes -> {path}")


if __name__ == "__main__":
    main()
