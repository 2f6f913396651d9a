#!/usr/bin/env bash
# Load test of the local web server (docs/web.md, "Load test"). Starts `chipmix server` on a free
# port of 127.0.0.1 with a throw-away database, checks the security probes of issue #16 (and that
# a search whose client leaves is cancelled), then sends a bounded mix of requests from concurrent
# curl clients, prints throughput, latency percentiles and answers by status, and stops the server.
# Loopback only; bounded in count and in time (every curl has a timeout, the whole run a deadline);
# it stops by itself.
#
#   scripts/loadtest.sh [REQUESTS] [CLIENTS]      defaults: 2000 requests, 50 clients
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
requests=${1:-2000}
clients=${2:-50}
deadline_s=300
if ! [[ "$requests" =~ ^[0-9]+$ && "$clients" =~ ^[0-9]+$ ]] || ((requests < 1 || requests > 100000 || clients < 1 || clients > 200)); then
  echo "usage: scripts/loadtest.sh [REQUESTS 1..100000] [CLIENTS 1..200]" >&2
  exit 2
fi
command -v curl >/dev/null || { echo "loadtest: needs curl" >&2; exit 1; }

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# start the server and read its port from the first line it prints
"$root/chipmix" server --host 127.0.0.1 --port 0 --db "$work/load.db" >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
port=""
for _ in $(seq 1 600); do
  port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$work/server.out" | head -1)
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.err" >&2; exit 1; }
  sleep 0.5
done
[ -n "$port" ] || { echo "loadtest: the server did not start" >&2; exit 1; }
base="http://127.0.0.1:$port"
echo "server on $base (pid $server_pid); $requests requests from $clients clients"

# --- the probes of issue #16: each must be a clear 4xx JSON answer
probe() { # expected-status description curl-args...
  local want=$1 what=$2
  shift 2
  local got
  got=$(curl -s -o "$work/probe.json" -w '%{http_code}' --max-time 30 "$@")
  if [ "$got" = "$want" ] && grep -q '"error"' "$work/probe.json" && ! grep -q 'root:' "$work/probe.json"; then
    echo "  ok   $got  $what"
  else
    echo "  FAIL $got (want $want)  $what: $(head -c 300 "$work/probe.json")"
    probes_failed=1
  fi
}
probes_failed=0
echo "probes:"
probe 400 "model as a file path" -X POST "$base/api/train/estimate" -H 'Content-Type: application/json' \
  -d '{"model":"/etc/passwd","chip":"h100","devices":8,"seq_len":4096,"global_batch":64}'
probe 403 "foreign Host header" "$base/api/scenarios" -H "Host: evil.example:$port"
probe 403 "foreign Origin on a POST" -X POST "$base/api/scenarios" -H 'Content-Type: application/json' \
  -H 'Origin: http://evil.example' -d '{"name":"x","yaml":"name: x"}'
probe 415 "text/plain body" -X POST "$base/api/scenarios" -H 'Content-Type: text/plain' -d '{"name":"x","yaml":"name: x"}'
chips=$(seq 1 5000 | sed 's/.*/"c&"/' | paste -sd, -)
probe 422 "5,000 x 5,000 export matrix" -X POST "$base/api/export/matrix" -H 'Content-Type: application/json' \
  -d "{\"chips\":[$chips],\"to\":[$chips]}"
probe 414 "URI too long" "$base/api/chips?x=$(head -c 70000 /dev/zero | tr '\0' a)"
# a search of about 30 s (ClientDisconnectTest's) whose client gives up after 2 s: the server must cancel it
slow='{"model":{"name":"deep-narrow-moe","layers":1680,"hidden":1680,"heads":840,"kv_heads":840,"head_dim":2,"ffn_hidden":3360,"vocab":1000,"moe":{"experts":5040,"top_k":1,"expert_ffn_hidden":64}},"chip":"gb200","devices":720720,"seq_len":64,"global_batch":97297200,"top":1,"recipe":"megatron-core-2024","scale_out_gbps":400}'
curl -s -o /dev/null --max-time 2 -X POST "$base/api/train/search" -H 'Content-Type: application/json' -d "$slow" || true
cancelled=""
for _ in $(seq 1 50); do
  if grep -q 'POST /api/train/search: the client closed the connection' "$work/server.err" "$work/server.out"; then cancelled=1; break; fi
  sleep 0.1
done
if [ -n "$cancelled" ]; then
  echo "  ok        a search whose client left after 2 s was cancelled (server log)"
else
  echo "  FAIL      a search whose client left after 2 s was not cancelled within 5 s (no log line)"
  probes_failed=1
fi

# --- the load: a mix of reads, export checks, estimates and saves
cat >"$work/mix" <<EOF
GET $base/api/chips
GET $base/api/chips/compare?ids=h20,ascend-910b,h100
GET $base/api/scenarios?limit=20
POST $base/api/export/check {"chip":"h20","to":"CN","date":"2025-06-01"}
POST $base/api/train/estimate {"model":"llama3-70b","chip":"h100-sxm","devices":64,"seq_len":8192,"global_batch":128,"tp":8,"pp":1,"dp":8,"cp":1,"ep":1,"vpp":1,"micro_batch":1,"recompute":"selective","zero":"1"}
POST $base/api/infer/size {"model":"llama3-70b","prompt_tokens":2000,"output_tokens":500,"demand_rps":10,"ttft_ms":2000,"tpot_ms":50}
POST $base/api/scenarios {"name":"load","yaml":"name: load\n"}
EOF
# one curl process drives all clients (--parallel): the load generator costs little next to the server
mix_n=$(wc -l <"$work/mix")
: >"$work/curl.cfg"
for i in $(seq 0 $((requests - 1))); do
  line=$(sed -n "$((i % mix_n + 1))p" "$work/mix")
  method=${line%% *}
  rest=${line#* }
  url=${rest%% *}
  {
    echo "url = \"$url\""
    echo 'output = "/dev/null"'
    echo 'max-time = 60'
    echo 'write-out = "%{http_code} %{time_total} %{url_effective} %{errormsg}\\n"'
    if [ "$method" = POST ]; then
      body=${rest#* }
      echo 'header = "Content-Type: application/json"'
      printf 'data = "%s"\n' "$(printf '%s' "$body" | sed 's/\\/\\\\/g; s/"/\\"/g')"
    fi
    if [ "$i" -lt $((requests - 1)) ]; then echo 'next'; fi
  } >>"$work/curl.cfg"
done
start=$(date +%s.%N)
timeout "$deadline_s" curl -s --no-progress-meter --parallel --parallel-immediate --parallel-max "$clients" -K "$work/curl.cfg" \
  >"$work/results" || true
end=$(date +%s.%N)

done_n=$(wc -l <"$work/results")
awk -v n="$done_n" -v r="$requests" -v s="$start" -v e="$end" \
  'BEGIN { printf "load: %d of %d requests in %.1f s = %.0f requests/s\n", n, r, e - s, n / (e - s) }'
echo "answers by status:"
cut -d' ' -f1 "$work/results" | sort | uniq -c | sed 's/^/  /'
sort -n -k2 "$work/results" | awk '{t[NR]=$2} END {
  if (NR == 0) exit;
  printf "latency: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms\n",
    t[int(NR*0.50)+(NR*0.50>int(NR*0.50))]*1000, t[int(NR*0.95)+(NR*0.95>int(NR*0.95))]*1000,
    t[int(NR*0.99)+(NR*0.99>int(NR*0.99))]*1000, t[NR]*1000 }'
errors=$(awk '$1 >= 500 || $1 == "000"' "$work/results" | wc -l)
echo "server errors (5xx or no answer): $errors"
awk '$1 >= 500 || $1 == "000"' "$work/results" | cut -d' ' -f1,3- | sort | uniq -c | sort -rn | head -5 | sed 's/^/  /'
# every client waits for its answers, so the one cancellation must be the probe's: more is a false alarm
gone=$(cat "$work/server.err" "$work/server.out" | grep -c 'cancelling its work' || true)
echo "requests cancelled because their client left: $gone (the probe's 1 expected)"
if [ -n "${LOADTEST_KEEP:-}" ]; then cp "$work/results" "$LOADTEST_KEEP"; fi
if [ "$errors" -gt 0 ] || [ "$probes_failed" -ne 0 ] || [ "$done_n" -lt "$requests" ] || [ "$gone" -ne 1 ]; then
  exit 1
fi
