#!/usr/bin/env bash
# Runs ConvGen's numeric tests as arm64 code under user-mode emulation (see /work/shared/TOOLCHAIN.md):
#   1. qemu-user and a private arm64 sysroot (Debian's arm64 libc, libstdc++, ICU, OpenSSL, zlib unpacked
#      with dpkg -x into a folder; never apt-get installed, which would replace the amd64 libssl);
#   2. tests/ConvGen.Arm64.Tests published as a self-contained linux-arm64 xunit v3 program;
#   3. run under qemu-aarch64 with NEON (AdvSimd) on, then with DOTNET_EnableHWIntrinsic=0 (arm64 scalar; a third
#      of the random inputs per test there, see Shapes.Samples).
# Idempotent: installs and downloads are skipped when already done. Prints "N passed, N failed" and exits
# non-zero when anything fails.
#   CONVGEN_ARM64_SYSROOT  where the sysroot goes (default: ~/.cache/convgen/arm64-sysroot)
#   CONVGEN_ARM64_OUT      where the published program goes (default: artifacts/arm64-tests)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sysroot="${CONVGEN_ARM64_SYSROOT:-$HOME/.cache/convgen/arm64-sysroot}"
out="${CONVGEN_ARM64_OUT:-$root/artifacts/arm64-tests}"
libs=(libc6 libgcc-s1 libstdc++6 libssl3 zlib1g libicu72)
started=$SECONDS

step() { echo "== arm64: $* ($((SECONDS - started)) s)"; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v qemu-aarch64 >/dev/null; then
  step "installing qemu-user"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends qemu-user >/dev/null
fi

if [ ! -f "$sysroot/.complete" ]; then
  step "building the arm64 sysroot in $sysroot"
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    as_root dpkg --add-architecture arm64
  fi
  # apt-get download needs arm64 package lists; update only when they are missing.
  if ! apt-cache show libc6:arm64 >/dev/null 2>&1; then
    as_root apt-get update -qq
  fi
  debs="$(mktemp -d)"
  (cd "$debs" && apt-get download -qq "${libs[@]/%/:arm64}")
  rm -rf "$sysroot" && mkdir -p "$sysroot"
  for deb in "$debs"/*.deb; do dpkg -x "$deb" "$sysroot"; done
  rm -rf "$debs"
  touch "$sysroot/.complete"
fi

step "publishing tests/ConvGen.Arm64.Tests for linux-arm64"
dotnet publish "$root/tests/ConvGen.Arm64.Tests/ConvGen.Arm64.Tests.csproj" -c Release -r linux-arm64 \
  --self-contained -p:UseAppHost=true -o "$out" -nologo -v:q -clp:ErrorsOnly

passed=0 failed=0 total_runs_ok=1
run() { # $1 = label; the rest: environment assignments
  local label=$1; shift
  step "running under qemu-aarch64: $label"
  local log; log="$(mktemp)"
  local status=0
  env "$@" QEMU_LD_PREFIX="$sysroot" qemu-aarch64 "$out/ConvGen.Arm64.Tests" -noColor -parallel collections \
      -class ConvGen.Tests.Arm64Tests -class ConvGen.Tests.ForwardTests -class ConvGen.Tests.BackwardTests \
      -class ConvGen.Tests.AutoPathTests >"$log" 2>&1 || status=$?
  grep -E "FAIL|arm64:|Auto path:|Total:" "$log" || true
  local totals; totals="$(grep -oE 'Total: [0-9]+, Errors: [0-9]+, Failed: [0-9]+, Skipped: [0-9]+' "$log" | tail -1 || true)"
  if [ -z "$totals" ]; then
    echo "arm64 ($label): no test summary (exit $status); output:"; tail -40 "$log"
    failed=$((failed + 1)); total_runs_ok=0; rm -f "$log"; return
  fi
  local n; mapfile -t n < <(grep -oE '[0-9]+' <<<"$totals")
  local t=${n[0]} e=${n[1]} f=${n[2]} s=${n[3]}
  # A skipped numeric test is a test that did not run: count it as failed.
  passed=$((passed + t - e - f - s)); failed=$((failed + e + f + s))
  if [ "$status" != 0 ] || [ "$e" != 0 ] || [ "$f" != 0 ] || [ "$s" != 0 ]; then
    total_runs_ok=0; grep -B2 -A12 "\[FAIL\]" "$log" | head -80 || true
  fi
  rm -f "$log"
}

run "NEON (AdvSimd)" CONVGEN_EXPECT_NEON=1 CONVGEN_EXPECTED_PATH=Vector128
# Every vector op emulated in software under qemu: a third of the random inputs per test (Shapes.Samples), every
# layer and path still run. The NEON run above samples them all.
run "scalar (DOTNET_EnableHWIntrinsic=0)" CONVGEN_EXPECT_NEON=0 CONVGEN_EXPECTED_PATH=Scalar DOTNET_EnableHWIntrinsic=0 CONVGEN_SAMPLE_DIVISOR=3

step "done"
echo "$passed passed, $failed failed"
if [ "$total_runs_ok" = 1 ] && [ "$failed" = 0 ]; then exit 0; else exit 1; fi
