#!/usr/bin/env python3
"""deploy/template.yaml checked against the code it deploys (what cfn-lint cannot check).

  1. deploy/template.yaml is exactly what `stratus deploy template` prints, and its YAML reads
     back as the same document as `--format json` (the YAML emitter loses nothing).
  2. Every Ref, Fn::GetAtt, Fn::Sub variable, Condition and DependsOn resolves to a parameter,
     resource (with an attribute its type has), pseudo parameter or condition; every ${X} of the
     state machine definition is one of its DefinitionSubstitutions, and each is used.
  3. Every function's Handler is a step the binary serves: `stratus lambda` with that _HANDLER
     initialises against the Runtime API emulator and answers an event (an unknown handler is
     an init error, checked too), and the handlers are exactly the chain's steps.
  4. The state machine (run by a small interpreter of the states it uses, each Task being
     `stratus invoke <step>`) visits the steps in chain order; every Task retries the transient
     errors and never InvalidInput/Rejected/Conflict, and catches States.ALL; record is on
     every path to an end; a failed step reaches record with {step, code, message}, record
     accepts it (a run_failed audit event) and the execution then fails; a closed market skips
     to record and succeeds.
  5. Each function's role grants exactly what its code calls: the functions run with
     ledger.kind = "dynamodb" against dynalite through a recording proxy over trading days that
     reserve, decline, re-reserve, submit, fill and reconcile; per function the DynamoDB
     operations seen are granted (on the table, or its indexes for Query) and every granted
     operation is seen. The table's keys and indexes equal what `stratus ledger create-table`
     sends. SSM and SNS are checked statically: every role reads exactly the config prefix,
     only record publishes, to the stack's topic only (no SSM/SNS fake processes yet).

Usage: template_test.py path/to/stratus path/to/lambda_runtime_emulator (cwd: repository root)
"""

import copy
import http.client
import http.server
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time

import yaml

STRATUS, EMULATOR = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
TEMPLATE_PATH = "deploy/template.yaml"
REGENERATE = "stratus deploy template --output deploy/template.yaml"
failures = []
checks = 0


def check(ok, what):
    global checks
    checks += 1
    if not ok:
        failures.append(what)
        print("FAIL " + what)
    return ok


def clean_env(**extra):
    """An environment no developer setting steers: no STRATUS_*, AWS_*, APCA_* or proxies."""
    env = {k: v for k, v in os.environ.items()
           if not re.match(r"(STRATUS|AWS|APCA)_", k) and k.lower() not in (
               "http_proxy", "https_proxy", "all_proxy")}
    env["no_proxy"] = env["NO_PROXY"] = "127.0.0.1,localhost"
    env.update(extra)
    return env


def run(args, env=None, stdin=None):
    return subprocess.run([STRATUS] + args, capture_output=True, text=True, env=env or clean_env(),
                          input=stdin, timeout=60)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


# --- 1. The checked-in file is what the binary prints ------------------------------------------
printed = run(["deploy", "template"])
check(printed.returncode == 0, "stratus deploy template: exit %d: %s" % (printed.returncode,
                                                                          printed.stderr))
with open(TEMPLATE_PATH) as f:
    checked_in = f.read()
check(printed.stdout == checked_in,
      "%s differs from what `stratus deploy template` prints; regenerate it with: %s"
      % (TEMPLATE_PATH, REGENERATE))
as_json = run(["deploy", "template", "--format", "json"])
template = json.loads(as_json.stdout)
check(yaml.safe_load(printed.stdout) == template,
      "the YAML template does not read back as the JSON one (YAML emitter)")
with tempfile.TemporaryDirectory() as d:
    out = os.path.join(d, "t.yaml")
    written = run(["deploy", "template", "--output", out])
    check(written.returncode == 0 and open(out).read() == printed.stdout,
          "--output FILE does not write what stdout gets")
    bad = run(["deploy", "template", "--output", os.path.join(d, "missing", "t.yaml")])
    check(bad.returncode == 1 and "--output" in bad.stderr,
          "an unwritable --output is exit 1 naming it: %d %s" % (bad.returncode, bad.stderr))

resources = template["Resources"]
parameters = template.get("Parameters", {})
conditions = template.get("Conditions", {})
PSEUDO = {"AWS::AccountId", "AWS::Region", "AWS::Partition", "AWS::StackName", "AWS::StackId",
          "AWS::URLSuffix", "AWS::NoValue", "AWS::NotificationARNs"}
# The attributes Fn::GetAtt may ask of each resource type used (CloudFormation resource
# reference, "Return values").
ATTRIBUTES = {
    "AWS::Lambda::Function": {"Arn", "SnapStartResponse"},
    "AWS::IAM::Role": {"Arn", "RoleId"},
    "AWS::Logs::LogGroup": {"Arn"},
    "AWS::DynamoDB::Table": {"Arn", "StreamArn"},
    "AWS::StepFunctions::StateMachine": {"Arn", "Name", "StateMachineRevisionId"},
    "AWS::SNS::Topic": {"TopicArn", "TopicName"},
    "AWS::Scheduler::Schedule": {"Arn"},
    "AWS::SSM::Parameter": {"Type", "Value"},
}


def run_document(at, profile="dev"):
    return {"version": 1, "run": {"id": at + "/" + profile, "profile": profile, "at": at}}


# --- 2. Every reference resolves -----------------------------------------------------------------
def sub_variables(pattern):
    return [v for v in re.findall(r"\$\{([^}]*)\}", pattern) if not v.startswith("!")]


def check_name(name, where):
    if "." in name:
        resource, attribute = name.split(".", 1)
        if check(resource in resources, "%s: ${%s} names no resource" % (where, name)):
            kind = resources[resource]["Type"]
            check(attribute in ATTRIBUTES.get(kind, set()),
                  "%s: %s has no attribute %s" % (where, kind, attribute))
        return
    check(name in parameters or name in resources or name in PSEUDO,
          "%s: %s is no parameter, resource or pseudo parameter" % (where, name))


def walk(node, where, skip_definition=False):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "Ref":
                check_name(value, where)
            elif key == "Fn::GetAtt":
                check(isinstance(value, list) and len(value) == 2, where + ": Fn::GetAtt form")
                check_name(value[0] + "." + value[1], where)
            elif key == "Fn::Sub":
                check(isinstance(value, str), where + ": Fn::Sub takes one string here")
                for v in sub_variables(value):
                    check_name(v, where)
            elif key == "Condition" and isinstance(value, str):
                check(value in conditions, "%s: condition %s is not defined" % (where, value))
            elif key == "Definition" and skip_definition:
                continue
            else:
                walk(value, where + "." + key, skip_definition)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            walk(item, "%s[%d]" % (where, i), skip_definition)


for logical_id, resource in resources.items():
    walk(resource, logical_id, skip_definition=True)
    depends = resource.get("DependsOn", [])
    for d in [depends] if isinstance(depends, str) else depends:
        check(d in resources, "%s: DependsOn %s names no resource" % (logical_id, d))
walk(template.get("Outputs", {}), "Outputs")
walk(conditions, "Conditions")


def of_type(kind):
    return {k: r for k, r in resources.items() if r["Type"] == kind}


machines = of_type("AWS::StepFunctions::StateMachine")
check(len(machines) == 1, "one state machine, found %d" % len(machines))
machine = next(iter(machines.values()))["Properties"]
definition = machine["Definition"]
substitutions = machine.get("DefinitionSubstitutions", {})
walk(substitutions, "DefinitionSubstitutions")
used = set()
for text in re.findall(r'"((?:[^"\\]|\\.)*)"', json.dumps(definition)):
    for v in re.findall(r"\$\{([^}]*)\}", text):
        used.add(v)
        check(v in substitutions, "state machine definition: ${%s} is no substitution" % v)
check(used == set(substitutions), "unused DefinitionSubstitutions: %s"
      % sorted(set(substitutions) - used))

# --- 3. Every handler is a step the binary serves ----------------------------------------------
functions = of_type("AWS::Lambda::Function")
handlers = {r["Properties"]["Handler"]: k for k, r in functions.items()}
help_text = run(["invoke", "--help"]).stdout
chain = re.search(r"the function: ([a-z, -]+)", help_text).group(1).split(", ")
check(sorted(handlers) == sorted(chain),
      "the functions' handlers %s are not the chain's steps %s" % (sorted(handlers), chain))
check(len(chain) == 5, "the chain as `stratus invoke --help` lists it: %s" % chain)


def served(handler, tmp):
    """Starts `stratus lambda` with _HANDLER against the emulator; the first result's kind."""
    event = os.path.join(tmp, "event.json")
    with open(event, "w") as f:
        json.dump({"version": 1, "run": {"id": "handler-check", "profile": "dev",
                                         "at": "2015-08-22T19:45:00Z"}}, f)
    results = os.path.join(tmp, "results-" + handler)
    open(results, "w").close()
    emulator = subprocess.Popen([EMULATOR, "--results", results, "--event", event],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lam = None
    try:
        port = emulator.stdout.readline().strip()
        env = {"AWS_LAMBDA_RUNTIME_API": "127.0.0.1:" + port, "_HANDLER": handler,
               "PATH": os.environ.get("PATH", ""),
               "STRATUS_LEDGER__PATH": os.path.join(tmp, "ledger.sqlite"),
               "STRATUS_AUDIT__PATH": os.path.join(tmp, "audit.jsonl"),
               "STRATUS_DATA__PATH": os.path.abspath("data/bars/sp500-16.csv.gz")}
        lam = subprocess.Popen([STRATUS, "lambda"], env=env, cwd=tmp, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
        for _ in range(400):
            with open(results) as f:
                line = f.readline()
            if line.strip():
                return json.loads(line)
            if lam.poll() is not None and lam.returncode != 0:
                time.sleep(0.1)
            time.sleep(0.05)
        return {"kind": "nothing within 20 s"}
    finally:
        for p in (lam, emulator):
            if p is not None and p.poll() is None:
                p.terminate()
                p.wait()


with tempfile.TemporaryDirectory() as tmp:
    for handler in sorted(handlers):
        result = served(handler, tmp)
        check(result.get("kind") in ("response", "error"),
              "%s: Handler %s is not served: %s" % (handlers[handler], handler, result))
    unknown = served("no-such-step", tmp)
    check(unknown.get("kind") == "init_error" and unknown.get("error_type") ==
          "Stratus.InvalidHandler", "an unknown handler should be an init error: %s" % unknown)

# --- 4. The state machine ---------------------------------------------------------------------
states = definition["States"]
arn_variable = {"${%sArn}" % handlers[h]: h for h in handlers}
NEVER_RETRIED = {"Stratus.InvalidInput", "Stratus.Rejected", "Stratus.Conflict", "States.ALL"}
MUST_RETRY = {"Lambda.ServiceException", "Lambda.AWSLambdaException",
              "Lambda.SdkClientException", "Lambda.TooManyRequestsException",
              "Stratus.Unavailable"}
task_step = {}
for name, state in states.items():
    if state["Type"] != "Task":
        continue
    step = arn_variable.get(state.get("Parameters", {}).get("FunctionName"))
    check(step is not None, "Task %s invokes no function of the stack" % name)
    task_step[name] = step
    retried = {e for r in state.get("Retry", []) for e in r["ErrorEquals"]}
    check(MUST_RETRY <= retried, "Task %s does not retry %s" % (name, sorted(MUST_RETRY - retried)))
    check(not (retried & NEVER_RETRIED), "Task %s retries %s" % (name, retried & NEVER_RETRIED))
    for r in state.get("Retry", []):
        check(r.get("BackoffRate", 1) > 1 and r.get("MaxAttempts", 3) >= 2,
              "Task %s: retries without backoff" % name)
    catches = state.get("Catch", [])
    check(any(c["ErrorEquals"] == ["States.ALL"] for c in catches),
          "Task %s catches not States.ALL" % name)
check(sorted(task_step.values()) == sorted(chain), "one Task per step: %s" % task_step)


def successors(state):
    nxt = [state.get("Next"), state.get("Default")]
    nxt += [c["Next"] for c in state.get("Choices", []) + state.get("Catch", [])]
    return [n for n in nxt if n]


record_task = [n for n, s in task_step.items() if s == "record"][0]
# Without record, no end is reachable: every way to an end goes through record.
seen, todo = set(), [definition["StartAt"]]
while todo:
    name = todo.pop()
    if name in seen or name == record_task:
        continue
    seen.add(name)
    check(name in states, "state %s is not defined" % name)
    state = states.get(name, {})
    check(state.get("Type") not in ("Succeed", "Fail") and not state.get("End"),
          "the end %s is reachable without record" % name)
    todo += successors(state)
for name in states:
    for n in successors(states[name]):
        check(n in states, "%s goes to undefined state %s" % (name, n))


def get_path(doc, path):
    node = doc
    for part in path.lstrip("$").strip(".").split("."):
        if part:
            node = node[part]
    return node


def set_path(doc, path, value):
    if path == "$":
        return value
    doc = copy.deepcopy(doc)
    parts = path[2:].split(".")
    node = doc
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value
    return doc


def parameters_of(template_params, doc):
    out = {}
    for key, value in template_params.items():
        if key.endswith(".$"):
            out[key[:-2]] = get_path(doc, value)
        else:
            out[key] = value
    return out


class TaskFailed(Exception):
    def __init__(self, error, cause):
        super().__init__(error)
        self.error, self.cause = error, cause


def execute_machine(doc, invoke):
    """Runs the definition's Task, Choice (IsPresent), Pass, Fail and Succeed states on `doc`;
    invoke(step, doc) is a Lambda. Returns (status, final document, visited Task steps)."""
    name, visited = definition["StartAt"], []
    for _ in range(100):
        state = states[name]
        kind = state["Type"]
        if kind == "Task":
            visited.append(task_step[name])
            payload = parameters_of(state["Parameters"], doc)["Payload"]
            try:
                doc = {"Payload": invoke(task_step[name], payload)}
                doc = get_path(doc, state.get("OutputPath", "$"))
            except TaskFailed as e:
                catch = next(c for c in state["Catch"]
                             if e.error in c["ErrorEquals"] or "States.ALL" in c["ErrorEquals"])
                doc = set_path(doc, catch.get("ResultPath", "$"),
                               {"Error": e.error, "Cause": e.cause})
                name = catch["Next"]
                continue
        elif kind == "Choice":
            name = state["Default"]
            for choice in state["Choices"]:
                try:
                    get_path(doc, choice["Variable"])
                    present = True
                except (KeyError, TypeError):
                    present = False
                if present == choice["IsPresent"]:
                    name = choice["Next"]
                    break
            continue
        elif kind == "Pass":
            doc = set_path(doc, state.get("ResultPath", "$"),
                           parameters_of(state.get("Parameters", {}), doc))
        elif kind in ("Succeed", "Fail"):
            return kind, doc, visited
        name = state["Next"]
    raise RuntimeError("the state machine did not end")


def stratus_lambda(env, fail_step=None, calls=None, proxy=None):
    def invoke(step, payload):
        if step == fail_step:
            raise TaskFailed("Stratus.Unavailable", json.dumps(
                {"errorMessage": "%s: broker unreachable (injected)" % step,
                 "errorType": "Stratus.Unavailable", "stackTrace": []}))
        before = proxy.count() if proxy else 0
        answer = run(["invoke", step, "--event", "-"], env=env, stdin=json.dumps(payload))
        if proxy and calls is not None:
            calls.setdefault(step, set()).update(proxy.since(before))
        if answer.returncode != 0:
            code = "Stratus." + ("InvalidInput" if answer.returncode == 2 else "Unavailable")
            raise TaskFailed(code, answer.stderr)
        return json.loads(answer.stdout)
    return invoke


def audit_events(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


with tempfile.TemporaryDirectory() as tmp:
    env = clean_env(STRATUS_LEDGER__PATH=os.path.join(tmp, "ledger.sqlite"),
                    STRATUS_AUDIT__PATH=os.path.join(tmp, "audit.jsonl"))
    status, doc, visited = execute_machine(run_document("2015-08-24T19:45:00Z"),
                                           stratus_lambda(env))
    check(status == "Succeed" and visited == chain,
          "a trading day: %s visiting %s, expected Succeed visiting %s" % (status, visited, chain))
    check(len(doc.get("orders", [])) > 0, "2015-08-24 should place orders with the bundled data")

    status, doc, visited = execute_machine(run_document("2015-08-22T19:45:00Z"),
                                           stratus_lambda(env))
    check(status == "Succeed" and visited == ["market-check", "record"] and "skipped" in doc,
          "a Saturday: %s visiting %s, expected Succeed: market-check then record" % (status,
                                                                                       visited))
    for failing in chain[:-1]:
        status, doc, visited = execute_machine(run_document("2015-08-25T19:45:00Z"),
                                               stratus_lambda(env, fail_step=failing))
        expected = chain[:chain.index(failing) + 1] + ["record"]
        check(status == "Fail" and visited == expected,
              "%s failing: %s visiting %s, expected Fail visiting %s" % (failing, status, visited,
                                                                         expected))
        failed = doc.get("failed", {})
        check(failed.get("step") == failing and failed.get("code") == "Stratus.Unavailable" and
              "injected" in failed.get("message", ""),
              "%s failing: record got failed = %s" % (failing, failed))
        events = [e for e in audit_events(env["STRATUS_AUDIT__PATH"])
                  if e["type"] == "run_failed" and e["data"].get("step") == failing]
        check(len(events) == 1 and events[0]["data"] == failed,
              "%s failing: record wrote no run_failed event with %s" % (failing, failed))

roles = of_type("AWS::IAM::Role")


def grants(role_id):
    """{(action, resource as JSON text)} of the role's inline policies."""
    out = set()
    for policy in roles[role_id]["Properties"].get("Policies", []):
        for s in policy["PolicyDocument"]["Statement"]:
            check(s["Effect"] == "Allow" and "NotAction" not in s and "NotResource" not in s,
                  "%s: only Allow statements with Action and Resource" % role_id)
            actions = s["Action"] if isinstance(s["Action"], list) else [s["Action"]]
            targets = s["Resource"] if isinstance(s["Resource"], list) else [s["Resource"]]
            for a in actions:
                check("*" not in a, "%s grants the wildcard action %s" % (role_id, a))
                for t in targets:
                    out.add((a, json.dumps(t, sort_keys=True)))
    return out


# --- What cfn-lint's old resource specification cannot check (deploy/README.md) ----------------
for function_id, function in functions.items():
    props = function["Properties"]
    check(props.get("Architectures") == ["x86_64"] and props.get("Runtime") == "provided.al2023"
          and props.get("Code") == "../dist/stratus-lambda.zip",
          "%s: x86_64, provided.al2023 and the zip of `make package`" % function_id)
logging = machine.get("LoggingConfiguration", {})
machine_logs = logging.get("Destinations", [{}])[0].get("CloudWatchLogsLogGroup", {}).get(
    "LogGroupArn", {}).get("Fn::GetAtt", [None])[0]
check(logging.get("Level") == "ERROR" and machine_logs in of_type("AWS::Logs::LogGroup"),
      "the state machine logs errors to a log group of the stack: %s" % logging)
check(machine.get("StateMachineType") == "STANDARD", "a STANDARD state machine")
schedules = of_type("AWS::Scheduler::Schedule")
check(len(schedules) == 1, "one schedule, found %d" % len(schedules))
schedule = next(iter(schedules.values()))["Properties"]
check(schedule.get("ScheduleExpressionTimezone") == "America/New_York" and
      schedule.get("FlexibleTimeWindow") == {"Mode": "OFF"} and
      schedule.get("ScheduleExpression") == {"Ref": "ScheduleExpression"} and
      parameters["ScheduleExpression"]["Default"] == "cron(45 15 ? * MON-FRI *)",
      "the schedule: 15:45 New York time on weekdays, no flexible window: %s" % schedule)
target = schedule.get("Target", {})
machine_id = next(iter(machines))
check(target.get("Arn") == {"Ref": machine_id}, "the schedule starts the state machine")
schedule_role = target.get("RoleArn", {}).get("Fn::GetAtt", [None])[0]
check(schedule_role in roles and grants(schedule_role) ==
      {("states:StartExecution", json.dumps({"Ref": machine_id}, sort_keys=True))},
      "the schedule's role may only start the state machine")
check(roles.get(schedule_role, {}).get("Properties", {}).get("AssumeRolePolicyDocument", {})
      .get("Statement", [{}])[0].get("Principal") == {"Service": "scheduler.amazonaws.com"},
      "the schedule's role is for EventBridge Scheduler")
# The input as Scheduler delivers it (context attributes replaced: the managing-schedule-
# context-attributes page of the Scheduler guide) and CloudFormation substitutes it.
delivered = target["Input"]["Fn::Sub"].replace("${Environment}", "dev").replace(
    "<aws.scheduler.scheduled-time>", "2015-08-24T19:45:00Z")
check(json.loads(delivered) == run_document("2015-08-24T19:45:00Z"),
      "the schedule's input is not the run document: %s" % delivered)
with tempfile.TemporaryDirectory() as tmp:
    first = run(["invoke", "market-check", "--event", "-"], stdin=delivered, env=clean_env(
        STRATUS_LEDGER__PATH=os.path.join(tmp, "l.sqlite"),
        STRATUS_AUDIT__PATH=os.path.join(tmp, "a.jsonl")))
    check(first.returncode == 0 and "market" in json.loads(first.stdout or "{}"),
          "market-check does not accept the schedule's input: %s" % first.stderr)

# --- 5. Each role grants exactly what its function calls ---------------------------------------
table_id = next(iter(of_type("AWS::DynamoDB::Table")))
topic_id = next(iter(of_type("AWS::SNS::Topic")))
TABLE = json.dumps({"Fn::GetAtt": [table_id, "Arn"]}, sort_keys=True)
INDEXES = {json.dumps({"Fn::Sub": "${%s.Arn}/index/%s" % (table_id, i["IndexName"])},
                      sort_keys=True)
           for i in resources[table_id]["Properties"]["GlobalSecondaryIndexes"]}
TOPIC = json.dumps({"Ref": topic_id}, sort_keys=True)
CONFIG = {json.dumps({"Fn::Sub": "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:"
                                 "parameter/stratus/${Environment}" + tail}, sort_keys=True)
          for tail in ("", "/*")}
granted = {}
for function_id, function in functions.items():
    props = function["Properties"]
    step = props["Handler"]
    role_id = props["Role"]["Fn::GetAtt"][0]
    g = grants(role_id)
    check(sum(1 for f in functions.values() if f["Properties"]["Role"] == props["Role"]) == 1,
          "%s shares its role" % function_id)
    env = props["Environment"]["Variables"]
    check(env.get("STRATUS_CONFIG") == {"Fn::Sub": "ssm:/stratus/${Environment}"} and
          env.get("STRATUS_PROFILE") == {"Ref": "Environment"},
          "%s: STRATUS_CONFIG/STRATUS_PROFILE: %s" % (function_id, env))
    for key, value in env.items():
        if key.endswith("_PATH"):
            check(isinstance(value, str) and value.startswith("/tmp/"),
                  "%s: %s=%s is not under /tmp" % (function_id, key, value))
    # Logs: its own group only. Config: exactly the environment's prefix.
    log_group = props["FunctionName"]["Fn::Sub"]
    own_group = [k for k, r in of_type("AWS::Logs::LogGroup").items()
                 if r["Properties"]["LogGroupName"] == {"Fn::Sub": "/aws/lambda/" + log_group}]
    check(len(own_group) == 1, "%s has no log group of its own" % function_id)
    logs = {(a, r) for a, r in g if a.startswith("logs:")}
    check(logs == {(a, json.dumps({"Fn::GetAtt": [own_group[0], "Arn"]}, sort_keys=True))
                   for a in ("logs:CreateLogStream", "logs:PutLogEvents")},
          "%s: log grants %s" % (function_id, logs))
    ssm = {(a, r) for a, r in g if a.startswith("ssm:")}
    check(ssm == {("ssm:GetParametersByPath", c) for c in CONFIG},
          "%s: SSM grants %s" % (function_id, ssm))
    check(not any(a.startswith("kms:") for a, _ in g), "%s: a kms grant" % function_id)
    sns = {(a, r) for a, r in g if a.startswith("sns:")}
    check(sns == ({("sns:Publish", TOPIC)} if step == "record" else set()),
          "%s: SNS grants %s (only record publishes, to the stack's topic)" % (function_id, sns))
    dynamo = {(a, r) for a, r in g if a.startswith("dynamodb:")}
    for a, r in dynamo:
        check(r in INDEXES if a == "dynamodb:Query" else r == TABLE,
              "%s: %s granted on %s" % (function_id, a, r))
    if step == "execute" and any(a == "dynamodb:Query" for a, _ in dynamo):
        check({r for a, r in dynamo if a == "dynamodb:Query"} == INDEXES,
              "execute: Query on both indexes")
    check(not (g - logs - ssm - sns - dynamo), "%s: other grants %s" % (function_id,
                                                                         g - logs - ssm - sns - dynamo))
    granted[step] = {a.split(":", 1)[1] for a, _ in dynamo}


class Proxy:
    """A recording HTTP proxy in front of dynalite: logs each request's X-Amz-Target."""

    def __init__(self, upstream_port):
        self.targets, self.bodies, self.lock = [], [], threading.Lock()
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                target = self.headers.get("X-Amz-Target", "")
                with proxy.lock:
                    proxy.targets.append(target.split(".")[-1])
                    proxy.bodies.append((target, body))
                upstream = http.client.HTTPConnection("127.0.0.1", upstream_port, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
                upstream.request("POST", self.path, body=body, headers=headers)
                answer = upstream.getresponse()
                data = answer.read()
                self.send_response(answer.status)
                for k, v in answer.getheaders():
                    if k.lower() not in ("connection", "transfer-encoding", "content-length"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                upstream.close()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def count(self):
        with self.lock:
            return len(self.targets)

    def since(self, n):
        with self.lock:
            return set(self.targets[n:])


def start_dynalite():
    for _ in range(5):
        port = free_port()
        p = subprocess.Popen(["node", "tests/tools/dynalite-server.js", "--port", str(port)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
        line = p.stdout.readline().strip()
        if line == "listening %d" % port:
            return p, port
        p.stdin.close()
        p.wait()
    raise RuntimeError("dynalite did not start")


dynalite, dynalite_port = start_dynalite()
try:
    proxy = Proxy(dynalite_port)
    with tempfile.TemporaryDirectory() as tmp:
        env = clean_env(STRATUS_LEDGER__KIND="dynamodb", STRATUS_LEDGER__TABLE="stratus-deploy-test",
                        AWS_ENDPOINT_URL_DYNAMODB="http://127.0.0.1:%d" % proxy.port,
                        AWS_ACCESS_KEY_ID="AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY="deploy-test",
                        AWS_REGION="us-east-1",
                        AWS_SHARED_CREDENTIALS_FILE=os.path.join(tmp, "none"),
                        AWS_CONFIG_FILE=os.path.join(tmp, "none"),
                        STRATUS_LEDGER__PATH=os.path.join(tmp, "paper.sqlite"),
                        STRATUS_AUDIT__PATH=os.path.join(tmp, "audit.jsonl"),
                        STRATUS_HTTP__MAX_TOTAL_DELAY_MS="200", STRATUS_HTTP__BASE_DELAY_MS="10")
        created = run(["ledger", "create-table"], env=env)
        check(created.returncode == 0, "ledger create-table: " + created.stderr)
        request = json.loads(next(b for t, b in proxy.bodies if t.endswith(".CreateTable")))
        table = resources[table_id]["Properties"]

        def same(key, sort_by):
            return sorted(request[key], key=lambda x: x[sort_by]) == \
                sorted(table[key], key=lambda x: x[sort_by])
        check(same("AttributeDefinitions", "AttributeName") and request["KeySchema"] ==
              table["KeySchema"] and same("GlobalSecondaryIndexes", "IndexName") and
              request["BillingMode"] == table["BillingMode"],
              "the template's table differs from what `stratus ledger create-table` creates")

        calls = {}
        # Days that reserve and submit (the paper broker fills them), decline once the month's
        # share caps are used, repeat a day (its reservations exist already), and reconcile.
        days = ["2015-08-21", "2015-08-24", "2015-08-24", "2015-08-25", "2015-08-26"]
        reasons = set()
        for day in days:
            status, doc, visited = execute_machine(
                run_document(day + "T19:45:00Z"), stratus_lambda(env, calls=calls, proxy=proxy))
            check(status == "Succeed", "%s against dynalite: %s (%s)" % (day, status,
                                                                         doc.get("failed")))
            if doc.get("orders"):
                reasons.add("orders")
            if doc.get("declined"):
                reasons.add("declined")
        check({"orders", "declined"} <= reasons,
              "the days should both place and decline orders: %s" % sorted(reasons))
        if os.environ.get("DEPLOY_TEST_VERBOSE"):
            print("seen:", {k: sorted(v) for k, v in calls.items()})
            print("granted:", {k: sorted(v) for k, v in granted.items()})
        for step in chain:
            seen_ops = calls.get(step, set())
            check(seen_ops <= granted.get(step, set()),
                  "%s calls %s but its role does not grant it" % (
                      step, sorted(seen_ops - granted.get(step, set()))))
            check(granted.get(step, set()) <= seen_ops,
                  "%s's role grants %s, which no scenario called" % (
                      step, sorted(granted.get(step, set()) - seen_ops)))
finally:
    dynalite.stdin.close()
    dynalite.wait()

print("%d checks, %d failed" % (checks, len(failures)))
sys.exit(1 if failures else 0)
