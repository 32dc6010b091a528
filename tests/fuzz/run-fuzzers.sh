#!/usr/bin/env bash
# Builds the libFuzzer targets (preset "fuzz") and runs each for SECONDS_PER_TARGET (default 60),
# one after the other, one process each (the machine is shared). Prints per target: seconds run,
# executions, executions per second, coverage (cov = edges, ft = features), corpus size, the
# load average at the end and any crash. Two invocations with disjoint target lists can run in
# parallel (one fuzzer per core). Corpora and crashing inputs are kept under build/fuzz/run/
# (corpus/<target>/, crashes/<target>/); copy a crash into tests/fuzz/regressions/<target>/ once it
# is fixed.
#
#   tests/fuzz/run-fuzzers.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Environment: SKIP_BUILD=1 skips the build; MAX_LEN caps the input size (default 307200 bytes,
# above every seed; a small cap such as 16384 trades the big real seeds, which libFuzzer then
# truncates, for many more executions per second).
#
# Targets: dbt_manifest dbt_run_results dbt_sources dbt_catalog openlineage bigquery looker snapshot
# selector snapshot_schema. Seeds: the real files in ../shared/data (copied at run time, never
# committed), tests/fuzz/seeds/<target>/, tests/importers/fixtures/looker/ and every kept
# regression input.
set -euo pipefail

seconds=${1:-60}
shift || true
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=$(cd "$root/.." && pwd)/shared/data
all=(dbt_manifest dbt_run_results dbt_sources dbt_catalog openlineage bigquery looker snapshot selector snapshot_schema)
[[ $# -gt 0 ]] && targets=("$@") || targets=("${all[@]}")
max_len=${MAX_LEN:-307200} # the largest seeds used are under 300 KiB

cd "$root"
if [[ -z ${SKIP_BUILD:-} ]]; then
    cmake --preset fuzz >/dev/null
    cmake --build --preset fuzz
fi
bin="$root/build/fuzz/bin"
run="$root/build/fuzz/run"
mkdir -p "$run"

# The real files whose names say they are of the target's format, up to max_len bytes.
shared_seeds() {
    local pattern
    case $1 in
        dbt_manifest) pattern='*manifest*.json' ;;
        dbt_run_results) pattern='*run_results*.json' ;;
        dbt_sources) pattern='*_sources*.json' ;; # not "tests__resources__"
        dbt_catalog) pattern='*catalog*.json' ;;
        openlineage) pattern='*open_lineage*.json' ;;
        snapshot_schema) pattern='*.json' ;; # any JSON: the validator sees foreign shapes too
        *) return 0 ;;
    esac
    [[ -d $shared ]] && find "$shared" -name "$pattern" -size -$((max_len / 1024))k -type f
    return 0
}

summary=()
status=0
for t in "${targets[@]}"; do
    corpus="$run/corpus/$t"
    crashes="$run/crashes/$t"
    mkdir -p "$corpus" "$crashes"
    while read -r f; do [[ -n $f ]] && cp -n "$f" "$corpus/" ; done < <(shared_seeds "$t")
    for d in "tests/fuzz/seeds/$t" "tests/fuzz/regressions/$t"; do
        [[ -d $d ]] && cp -n "$d"/* "$corpus/" 2>/dev/null || true
    done
    [[ $t == looker ]] && cp -n tests/importers/fixtures/looker/*.json "$corpus/"
    [[ $t == snapshot_schema ]] && cp -n tests/fuzz/seeds/snapshot/* "$corpus/"
    dict=()
    [[ $t != selector ]] && dict=(-dict="$root/tests/fuzz/json.dict")
    log="$run/$t.log"
    echo "== $t: ${seconds}s, $(ls "$corpus" | wc -l) corpus files"
    started=$SECONDS
    set +e
    "$bin/fuzz_$t" "$corpus" "${dict[@]}" -max_total_time="$seconds" -max_len=$max_len -timeout=30 \
        -rss_limit_mb=2560 -print_final_stats=1 -artifact_prefix="$crashes/" >"$log" 2>&1
    rc=$?
    set -e
    secs=$((SECONDS - started))
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
    last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
    cov=$(grep -o 'cov: [0-9]*' <<<"$last" | grep -o '[0-9]*' || true)
    ft=$(grep -o 'ft: [0-9]*' <<<"$last" | grep -o '[0-9]*' || true)
    crash=$(grep -m1 -E 'ERROR: (AddressSanitizer|UndefinedBehaviorSanitizer|libFuzzer)|runtime error:|SUMMARY:' "$log" || true)
    line="$t: secs=${secs:-?} execs=${execs:-?} exec/s=${rate:-?} cov=${cov:-?} ft=${ft:-?}"
    line="$line corpus=$(ls "$corpus" | wc -l) load=$(cut -d' ' -f1-3 /proc/loadavg) rc=$rc"
    if [[ $rc -ne 0 ]]; then
        line="$line CRASH: ${crash:-see $log}; kept: $(ls -t "$crashes" | head -n 1)"
        status=1
    fi
    echo "$line"
    summary+=("$line")
done
echo
echo "== summary (${seconds}s per target; logs and crashes under $run)"
printf '%s\n' "${summary[@]}"
exit $status
