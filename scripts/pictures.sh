#!/usr/bin/env bash
# Regenerates the pictures the README shows (docs/), from real runs of the default configuration.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
bin=target/release/mlp-rtl
mkdir -p docs/tables
$bin train --engine float,golden --plot docs/training-curves.svg >/dev/null
$bin train --engine float,golden --plot docs/training-curves.png >/dev/null
$bin tables --plot docs/tables >/dev/null
$bin profile --plot docs/step-timeline.svg >/dev/null
$bin synth --sweep array --plot docs/area-sweep.svg >/dev/null
echo "pictures: docs/training-curves.{svg,png} docs/tables/*.svg docs/step-timeline.svg docs/area-sweep.svg"
