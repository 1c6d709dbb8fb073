"""The `evaluate` step as the usual Python Lambda function: a custom runtime loop over the Lambda
Runtime API (urllib, as the AWS runtime interface client does) that imports pandas at start and
evaluates each event with pandas: the baseline bench/lambda_cold_start.sh times the packaged
Stratus function against, started the same way (a `bootstrap` that execs /usr/bin/python3 on
this file, with only Lambda's environment).

Init (once, before the first next, as Stratus's evaluate function loads its market data at
init): import pandas (and numpy, through bench/evaluate_pandas.py beside this file, the same
pandas evaluation bench.sh's section (b) times) and read the bars of $STRATUS_DATA__PATH with
pd.read_csv. Each event (a Stratus evaluate event: {"run": {"at": ...}, ...}): the drawdown of
every symbol of the file below its 252-session high as of the last session completed at run.at,
POSTed as the response. A bad event is answered with an error (Python.InvalidEvent).
"""

import datetime as dt
import json
import os
import sys
import urllib.request

import pandas as pd

import evaluate_pandas

API = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime"
DATA = os.environ["STRATUS_DATA__PATH"]
_frames = {}


def bars(path: str) -> pd.DataFrame:
    if path not in _frames:
        df = pd.read_csv(path, usecols=["date", "high", "close", "Name"],
                         dtype={"high": "float64", "close": "float64", "Name": "category"})
        df["date"] = pd.to_datetime(df["date"], format="%Y-%m-%d")
        _frames[path] = df
    return _frames[path]


def handle(event: dict) -> dict:
    at = dt.datetime.strptime(event["run"]["at"], "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=dt.timezone.utc)
    df = bars(DATA)
    watchlist = sorted(df["Name"].cat.categories)
    return evaluate_pandas.evaluate(df, watchlist, evaluate_pandas.last_completed_session(at),
                                    "tail")


def post(path: str, body: dict, headers: dict = None) -> None:
    request = urllib.request.Request(API + path, data=json.dumps(body).encode(), method="POST",
                                     headers=headers or {})
    with urllib.request.urlopen(request) as answer:
        answer.read()


def main() -> int:
    bars(DATA)
    while True:
        with urllib.request.urlopen(API + "/invocation/next") as answer:
            request_id = answer.headers["Lambda-Runtime-Aws-Request-Id"]
            payload = answer.read()
        try:
            result = handle(json.loads(payload))
        except (ValueError, KeyError, TypeError) as error:
            post(f"/invocation/{request_id}/error",
                 {"errorType": "Python.InvalidEvent", "errorMessage": str(error)},
                 {"Lambda-Runtime-Function-Error-Type": "Python.InvalidEvent"})
            continue
        post(f"/invocation/{request_id}/response", result)


if __name__ == "__main__":
    sys.exit(main())
