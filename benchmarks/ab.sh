#!/usr/bin/env bash
# A/B comparison of two builds of benchmarks/Locus.Benchmarks on the routing decision and gateway benchmarks,
# run alternately (A B B A A B ...) so that a shared machine's noise hits both; prints every run's lines, then the
# median of each figure per build and the ratio B/A.
#
#   benchmarks/ab.sh A_ROOT B_ROOT [ROUNDS] [GATEWAY_ARGS]
#
# A_ROOT and B_ROOT are checkouts with a Release build of the benchmarks (dotnet build benchmarks/Locus.Benchmarks
# -c Release). ROUNDS defaults to 5. GATEWAY_ARGS defaults to "--seconds 3 --rounds 3 --concurrency 1,64".
set -euo pipefail
a=$1 b=$2 rounds=${3:-5} gateway=${4:---seconds 3 --rounds 3 --concurrency 1,64}
dll=benchmarks/Locus.Benchmarks/bin/Release/net10.0/Locus.Benchmarks.dll
for root in "$a" "$b"; do [ -f "$root/$dll" ] || { echo "no Release build at $root/$dll" >&2; exit 2; }; done
out=$(mktemp)
for ((r = 1; r <= rounds; r++)); do
  # The order flips every round (A B, B A, ...), so neither build always runs second, after the other has warmed
  # or heated the machine.
  order="A B"; ((r % 2 == 0)) && order="B A"
  for side in $order; do
    root=$a; [ $side = B ] && root=$b
    # shellcheck disable=SC2086
    { (cd "$root" && dotnet $dll decision --iterations 200000 && dotnet $dll gateway $gateway) | sed "s/^/$side $r /"; } | tee -a "$out"
  done
done
echo
echo "medians over $rounds runs per build (B/A in brackets):"
awk '
  function med(k,   n, i, j, t, v) { n = cnt[k]; for (i = 1; i <= n; i++) v[i] = val[k, i];
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 }
  function add(side, name, x) { k = side SUBSEP name; val[k, ++cnt[k]] = x; names[name] = 1 }
  $3 == "decision" && $4 == "(heuristic" { for (i = 1; i <= NF; i++) { if ($i == "p50") add($1, "decision p50 us", $(i+1)); if ($i == "p99") add($1, "decision p99 us", $(i+1)) } }
  $3 == "decision:" { add($1, "decision bytes", $4) }
  $3 == "gateway" && $4 ~ /^c=/ { c = $4; sub(":", "", c)
    for (i = 1; i <= NF; i++) if ($i == "added" && $(i+1) == "p50") { add($1, "gateway " c " added p50 ms", $(i+2)); add($1, "gateway " c " added p99 ms", $(i+5)) }
    for (i = 1; i <= NF; i++) if ($i == "Locus") { add($1, "gateway " c " via req/s", $(i+7)) }
    for (i = 1; i <= NF; i++) if ($i == "cpu") { add($1, "gateway " c " added cpu us/req", $(i+1)); add($1, "gateway " c " added KB/req", $(i+4)) } }
  END { for (n in names) { ka = "A" SUBSEP n; kb = "B" SUBSEP n; ma = med(ka); mb = med(kb)
    printf "  %-28s A %10.3f   B %10.3f   [%.3f]\n", n, ma, mb, ma ? mb / ma : 0 } }' "$out" | sort
rm -f "$out"
