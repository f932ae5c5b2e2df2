#!/usr/bin/env bash
# Installs the Debian packages Buurtbereik needs to build, test and benchmark, if any is missing.
# Every dependency comes from Debian (no PyPI, no downloads). Needs root (or sudo) only when
# something is missing.
set -euo pipefail
packages=(
  build-essential cmake git clang-format
  libeigen3-dev libboost-dev librandom123-dev libhdf5-dev hdf5-tools libyaml-cpp-dev libcli11-dev
  libgtest-dev libbenchmark-dev pybind11-dev python3-dev
  python3 python3-numpy python3-h5py python3-pytest python3-yaml python3-pandas python3-matplotlib
  python3-nbclient python3-nbformat python3-ipykernel
  libopenmpi-dev openmpi-bin
  time chromium
  # fuzzing (scripts/fuzz.sh): clang, and libFuzzer + sanitizer runtimes (not pulled in by clang
  # without recommends)
  clang libclang-rt-14-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "deps: all ${#packages[@]} Debian packages present"
  exit 0
fi
echo "deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
