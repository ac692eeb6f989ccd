#!/bin/bash
cd /tmp/review/cli
mapfile -t FA < <(node -e 'for (const a of require("./fa.json")) console.log(a)')
exec node --import ./probe.mjs /work/main/dist/cli.js batch d.json -o "${OUT:-out}" -f "${FMT:-docx}" "${FA[@]}" "$@"
