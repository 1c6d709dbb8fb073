#!/usr/bin/python3
"""Times Lambda functions against the Runtime API emulator: the measuring half of
bench/lambda_cold_start.sh (which builds the package, the events and the Python task root).

For each run (interleaved: the order of the configurations rotates from run to run), and for each
configuration (the packaged Stratus function with each of the five handlers, and the Python
handler on the evaluate event): a fresh lambda_runtime_emulator (--record-next) with the
configuration's event queued INVOCATIONS times, then the function's `bootstrap` spawned with only
Lambda's environment. Measured, on the system clock shared by this process and the emulator:
  cold start   spawn (just before fork/exec of bootstrap) -> its first GET .../invocation/next
               arriving at the emulator;
  first        the first event handed out -> its response received (the first invocation);
  warm         the same for each later invocation (the function was waiting in next).
Every answer must be a 202-accepted response (no error): otherwise the run fails (exit 1).
Prints medians, min and max, and the ratios Python / Stratus.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

STEPS = ["market-check", "evaluate", "check-limits", "execute", "record"]
TARGET_COLD_MS = 20.0
TARGET_RATIO = 20.0


def start_emulator(emulator: str, results: str, event: str, invocations: int):
    open(results, "w").close()
    args = [emulator, "--results", results, "--record-next"]
    for _ in range(invocations):
        args += ["--event", event]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    port = proc.stdout.readline().strip()
    if not port.isdigit():
        proc.kill()
        sys.exit(f"bench: FAILED: the emulator did not start: {proc.stderr.read()}")
    return proc, port


def stop(proc) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def read_lines(results: str) -> list:
    """The complete lines the emulator has written so far (a line being written is left out)."""
    with open(results, "rb") as f:
        lines = f.read().split(b"\n")[:-1]
    return [json.loads(line) for line in lines if line.strip()]


def one_run(config: dict, args, scratch: str) -> dict:
    """Runs one function once; returns {cold_ms, first_ms, warm_ms: [...]}."""
    results = os.path.join(scratch, "results.jsonl")
    emulator, port = start_emulator(args.emulator, results, config["event"], args.invocations)
    env = dict(config["env"], AWS_LAMBDA_RUNTIME_API=f"127.0.0.1:{port}")
    err = open(os.path.join(scratch, "function.err"), "w")
    spawned_us = time.time_ns() // 1000
    argv = config.get("argv") or [os.path.join(config["root"], "bootstrap")]
    function = subprocess.Popen(argv, cwd=config["root"],
                                env=env, stdout=subprocess.DEVNULL, stderr=err)
    deadline = time.monotonic() + 60
    lines = []
    try:
        while time.monotonic() < deadline:
            lines = read_lines(results)
            if sum(1 for r in lines if r["kind"] != "next") >= args.invocations:
                break
            if function.poll() is not None:
                break
            time.sleep(0.002)
    finally:
        stop(function)
        stop(emulator)
        err.close()
    answers = [r for r in lines if r["kind"] != "next"]
    bad = [r for r in answers if r["kind"] != "response" or r["status"] != 202]
    if len(answers) < args.invocations or bad:
        with open(os.path.join(scratch, "function.err"), encoding="utf-8") as f:
            stderr = f.read()
        sys.exit(f"bench: FAILED: {config['name']}: {len(answers)} of {args.invocations} "
                 f"answers, not accepted responses: {bad[:1]}\n{stderr}")
    nexts = [r for r in lines if r["kind"] == "next"]
    handed = {r["request_id"]: r["answered_us"] for r in nexts if r["request_id"]}
    latencies = [(r["received_us"] - handed[r["request_id"]]) / 1000 for r in answers]
    return {"cold_ms": (nexts[0]["received_us"] - spawned_us) / 1000,
            "first_ms": latencies[0], "warm_ms": latencies[1:]}


def summary(values: list) -> str:
    return (f"{statistics.median(values):9.2f} {min(values):9.2f} {max(values):9.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stratus-root", required=True, help="the unpacked Stratus package")
    parser.add_argument("--stratus", required=True, help="the build's stratus binary")
    parser.add_argument("--python-root", required=True, help="bootstrap + the Python handler")
    parser.add_argument("--events", required=True, help="directory of <step>.json events")
    parser.add_argument("--emulator", required=True, help="lambda_runtime_emulator")
    parser.add_argument("--settings", required=True, help="JSON object of STRATUS_* settings")
    parser.add_argument("--work", required=True)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--invocations", type=int, default=4)
    args = parser.parse_args()

    settings = json.loads(args.settings)
    configs = []
    for step in STEPS:
        configs.append({"name": f"stratus {step}", "root": args.stratus_root,
                        "event": os.path.join(args.events, f"{step}.json"),
                        "env": dict(settings, _HANDLER=step, LAMBDA_TASK_ROOT=args.stratus_root)})
    # Where the cold start goes: the same step without the bootstrap script and the bundled
    # loader (the build's binary exec'd directly, the host's libraries through ld.so.cache).
    configs.append({"name": "stratus evaluate, direct", "root": args.stratus_root,
                    "argv": [args.stratus, "lambda"],
                    "event": os.path.join(args.events, "evaluate.json"),
                    "env": dict(settings, _HANDLER="evaluate", LAMBDA_TASK_ROOT=args.stratus_root)})
    configs.append({"name": "python evaluate", "root": args.python_root,
                    "event": os.path.join(args.events, "evaluate.json"),
                    "env": dict(settings, _HANDLER="evaluate",
                                LAMBDA_TASK_ROOT=args.python_root)})
    print(f"{args.runs} runs of each of {len(configs)} functions (interleaved, after one untimed "
          f"warm-up), {args.invocations} invocations each; spawn: {args.stratus_root}/bootstrap "
          f"and {args.python_root}/bootstrap with only Lambda's variables and {sorted(settings)}")

    measured = {c["name"]: {"cold_ms": [], "first_ms": [], "warm_ms": []} for c in configs}
    for run in range(-1, args.runs):
        order = configs[run % len(configs):] + configs[:run % len(configs)]
        for config in order:
            scratch = os.path.join(args.work, "run")
            os.makedirs(scratch, exist_ok=True)
            result = one_run(config, args, scratch)
            if run < 0:
                continue
            m = measured[config["name"]]
            m["cold_ms"].append(result["cold_ms"])
            m["first_ms"].append(result["first_ms"])
            m["warm_ms"].extend(result["warm_ms"])

    print()
    print(f"{'function':<26} {'what':<11} {'median ms':>9} {'min':>9} {'max':>9}")
    for config in configs:
        m = measured[config["name"]]
        for what, label in (("cold_ms", "cold start"), ("first_ms", "first"),
                            ("warm_ms", "warm")):
            print(f"{config['name']:<26} {label:<11} {summary(m[what])}")
    packaged = [c for c in configs if c["name"].startswith("stratus") and "argv" not in c]
    all_cold = statistics.median([v for c in packaged for v in measured[c["name"]]["cold_ms"]])
    evaluate = measured["stratus evaluate"]
    python = measured["python evaluate"]
    direct_cold = statistics.median(measured["stratus evaluate, direct"]["cold_ms"])
    print()
    print(f"cold start of the package (spawn -> first next), all five functions: {all_cold:.2f} ms "
          f"(median of {args.runs * len(packaged)} starts)")
    print(f"  evaluate without the bootstrap script and bundled loader (exec'd directly): "
          f"{direct_cold:.2f} ms")
    ratios = {}
    for what, label in (("cold_ms", "cold start, evaluate (reads the bars at init)"),
                        ("first_ms", "first evaluate"), ("warm_ms", "warm evaluate")):
        s = statistics.median(evaluate[what])
        p = statistics.median(python[what])
        ratios[what] = p / s
        print(f"{label}: stratus {s:.2f} ms, python+pandas {p:.2f} ms: python / stratus = "
              f"{p / s:.1f}x")
    evaluate_cold = statistics.median(evaluate["cold_ms"])
    cold_ok = max(all_cold, evaluate_cold) < TARGET_COLD_MS and ratios["cold_ms"] >= TARGET_RATIO
    print(f"target: cold start < {TARGET_COLD_MS:.0f} ms (every function) and >= "
          f"{TARGET_RATIO:.0f}x faster than python (evaluate against evaluate): "
          f"{'MET' if cold_ok else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
