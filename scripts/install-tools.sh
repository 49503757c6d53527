#!/usr/bin/env bash
# Installs the outside tools the tests need (Debian packages), only if one is missing.
# verilator, iverilog (Icarus), yosys, nextpnr-ice40, fpga-icestorm (icepack/icetime), and make + g++
# (Verilator's C++ models: the testbenches and the Verilator binding, src/flow/verilated.rs).
set -euo pipefail
need=()
for t in verilator iverilog yosys nextpnr-ice40 icepack make g++; do
  command -v "$t" >/dev/null 2>&1 || need+=("$t")
done
if [ ${#need[@]} -eq 0 ]; then
  echo "install-tools: all tools present"
  exit 0
fi
echo "install-tools: missing ${need[*]}; installing Debian packages"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq verilator iverilog yosys nextpnr-ice40 fpga-icestorm make g++ >/dev/null
echo "install-tools: done"
