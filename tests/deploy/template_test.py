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
  5. Each function's role grants exactly what its code calls. Statically: one role per
     function, its own log group, exactly the config prefix for SSM, no kms, only record
     publishes (to the stack's topic), Query only on the table's indexes. Observed: the stack as
     CloudFormation would make it for Environment = dev (Ref/Fn::Sub/Fn::GetAtt resolved) runs
     against dynalite, the fake SSM and the fake SNS (tests/fakes/aws), each behind a recording
     proxy that forwards requests unchanged (the fakes check the SigV4 signature against the
     forwarded Host) and logs each call's IAM action (DynamoDB and SSM: X-Amz-Target; SNS: the
     form's Action) and the ARN of the resource it names. SSM holds the template's
     AWS::SSM::Parameter values (ledger/kind, ledger/table, alerts/sns_topic_arn) plus a profile
     written by `stratus config push --profile dev`; each function runs (`stratus invoke`, driven
     by the state machine interpreter) with its Environment.Variables from the template
     (STRATUS_CONFIG=ssm:/stratus/dev, STRATUS_PROFILE=dev, its /tmp paths), over trading days
     that reserve, decline, re-reserve, submit, fill and reconcile, and one whose execute fails.
     Per function: every call observed is granted by its role on the resource it hit, and every
     action granted (logs aside: the Lambda service writes those) is observed. Every SSM and SNS
     call succeeded, each Publish is a message on the stack's topic (orders and the failed run).
     Copies of the template with record's sns:Publish dropped, evaluate's config read narrowed to
     another environment, or a dynamodb:Scan added to check-limits must each fail the
     comparison. The table's keys and indexes equal what `stratus ledger create-table` (config
     from SSM) sends, to the stack's table.

Usage: template_test.py path/to/stratus path/to/lambda_runtime_emulator path/to/fake_ssm_server
       path/to/fake_sns_server (cwd: repository root)
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
import urllib.parse

import yaml

STRATUS, EMULATOR, FAKE_SSM, FAKE_SNS = [os.path.abspath(a) for a in sys.argv[1:5]]
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


# --- 5b. Observed: the functions run against DynamoDB, SSM and SNS through recording proxies
# The stack as CloudFormation would make it for Environment = dev in one account and region:
# what Ref, Fn::GetAtt and Fn::Sub of the template resolve to there.
STACK = {"Environment": "dev", "AWS::AccountId": "123456789012", "AWS::Region": "us-east-1",
         "AWS::Partition": "aws"}


def attribute(logical_id, name):
    kind, props = resources[logical_id]["Type"], resources[logical_id]["Properties"]
    def arn(service, rest):
        return "arn:aws:%s:%s:%s:%s" % (service, STACK["AWS::Region"], STACK["AWS::AccountId"],
                                        rest)
    if kind == "AWS::DynamoDB::Table" and name == "Arn":
        return arn("dynamodb", "table/" + resolve(props["TableName"]))
    if kind == "AWS::SNS::Topic" and name == "TopicArn":
        return arn("sns", resolve(props["TopicName"]))
    if kind == "AWS::Logs::LogGroup" and name == "Arn":
        return arn("logs", "log-group:" + resolve(props["LogGroupName"]) + ":*")
    raise KeyError("%s.%s is not resolved by this test" % (logical_id, name))


def resolve(node):
    """A template value as CloudFormation resolves it in STACK (the kinds this template uses)."""
    if isinstance(node, list):
        return [resolve(n) for n in node]
    if not isinstance(node, dict):
        return node
    if "Ref" in node:
        name = node["Ref"]
        if name in STACK:
            return STACK[name]
        if name in parameters:
            return parameters[name].get("Default", "")
        kind = resources[name]["Type"]
        if kind == "AWS::DynamoDB::Table":
            return resolve(resources[name]["Properties"]["TableName"])
        if kind == "AWS::SNS::Topic":
            return attribute(name, "TopicArn")
        raise KeyError("Ref %s is not resolved by this test" % name)
    if "Fn::GetAtt" in node:
        return attribute(*node["Fn::GetAtt"])
    if "Fn::Sub" in node:
        return re.sub(r"\$\{([^}!]*)\}", lambda m: resolve(
            {"Fn::GetAtt": m.group(1).split(".", 1)} if "." in m.group(1) else {"Ref": m.group(1)}),
            node["Fn::Sub"])
    return {k: resolve(v) for k, v in node.items()}


def policy_of(tmpl, step):
    """[(action, [resource patterns])] the role of `step`'s function grants in `tmpl`."""
    function = next(f for f in tmpl["Resources"].values()
                    if f["Type"] == "AWS::Lambda::Function" and f["Properties"]["Handler"] == step)
    role = tmpl["Resources"][function["Properties"]["Role"]["Fn::GetAtt"][0]]
    out = []
    for policy in role["Properties"].get("Policies", []):
        for s in policy["PolicyDocument"]["Statement"]:
            actions = s["Action"] if isinstance(s["Action"], list) else [s["Action"]]
            targets = s["Resource"] if isinstance(s["Resource"], list) else [s["Resource"]]
            out += [(a, [resolve(t) for t in targets]) for a in actions]
    return out


def arn_matches(pattern, arn):
    """IAM's resource matching: '*' any run of characters, '?' one; case-sensitive."""
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, arn) is not None


# Actions a function calls only on a path the scenarios cannot reach: record's outbox reads an
# entry back (GetItem) only when its claim loses a race with another run (the outbox contract
# suite's race tests take that path against dynalite).
RARE_CALLS = {"record": {"dynamodb:GetItem"}}


def grant_problems(tmpl, observed):
    """Per function, observed {step: [(action, resource ARN)]} against the grants of `tmpl`:
    every call granted on the resource it hit, and every granted action called. Logs actions
    are the Lambda service's own (the code never calls CloudWatch Logs): left out."""
    problems = []
    for step in chain:
        policy = policy_of(tmpl, step)
        calls = observed.get(step, [])
        for action, arn in sorted(set(calls)):
            if not any(a == action for a, _ in policy):
                problems.append("%s calls %s but its role does not grant it" % (step, action))
            elif not any(a == action and any(arn_matches(p, arn) for p in patterns)
                         for a, patterns in policy):
                problems.append("%s calls %s on %s, a resource its role does not grant it on"
                                % (step, action, arn))
        called = {a for a, _ in calls} | RARE_CALLS.get(step, set())
        unused = {a for a, _ in policy if not a.startswith("logs:")} - called
        if unused:
            problems.append("%s's role grants %s, which no scenario called" % (step,
                                                                               sorted(unused)))
    return problems


class Recorder:
    """What the proxies saw, in order: {service, action, arn, status, body}."""

    def __init__(self):
        self.calls, self.lock = [], threading.Lock()

    def add(self, call):
        with self.lock:
            self.calls.append(call)

    def count(self):
        with self.lock:
            return len(self.calls)

    def since(self, n):
        with self.lock:
            return list(self.calls[n:])


def credential_region(headers):
    """The region of the SigV4 credential scope: Credential=<key>/<date>/<region>/<service>/..."""
    m = re.search(r"Credential=[^/]*/[^/]*/([^/]*)/", headers.get("Authorization", ""))
    return m.group(1) if m else "?"


def describe_call(service, headers, body):
    """(IAM action, the ARN of the resource it names) of one request to `service`."""
    region, account = credential_region(headers), STACK["AWS::AccountId"]
    if service == "sns":  # The Query API: a form whose Action field is the operation.
        form = urllib.parse.parse_qs(body.decode())
        return "sns:" + form.get("Action", ["?"])[0], form.get("TopicArn", ["?"])[0]
    operation = headers.get("X-Amz-Target", "").split(".")[-1]  # JSON: X-Amz-Target.
    request = json.loads(body or b"{}")
    if service == "ssm":
        name = request.get("Path", request.get("Name", "?"))
        return "ssm:" + operation, "arn:aws:ssm:%s:%s:parameter%s" % (region, account, name)
    arn = "arn:aws:dynamodb:%s:%s:table/%s" % (region, account, request.get("TableName", "?"))
    if "IndexName" in request:
        arn += "/index/" + request["IndexName"]
    return "dynamodb:" + operation, arn


class Proxy:
    """A recording HTTP proxy in front of one service's fake: forwards each request unchanged
    (method, path, the Host header the client signed, body) and records its action and
    resource. The fakes check SigV4 against the forwarded Host, so a signature stays valid."""

    def __init__(self, service, upstream_port, recorder):
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                upstream = http.client.HTTPConnection("127.0.0.1", upstream_port, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
                upstream.request("POST", self.path, body=body, headers=headers)
                answer = upstream.getresponse()
                data = answer.read()
                action, arn = describe_call(service, self.headers, body)
                recorder.add({"service": service, "action": action, "arn": arn,
                              "status": answer.status, "body": body})
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
        self.endpoint = "http://127.0.0.1:%d" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def start_server(args, ready):
    """Starts a fake that prints one line when listening; returns (process, its port)."""
    for _ in range(5):
        port = free_port()
        p = subprocess.Popen([a.replace("{port}", str(port)) for a in args],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
        line = p.stdout.readline().strip()
        port = ready(line, port)
        if port:
            return p, port
        p.kill()
        p.wait()
    raise RuntimeError("%s did not start" % args[0])


def stop(p):
    if p.poll() is None:
        p.stdin.close()
        p.terminate()
        p.wait()


def admin(port, path):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request("GET", path)
    return json.loads(c.getresponse().read())


topic_arn = resolve({"Ref": topic_id})
table_name = resolve({"Ref": table_id})
# The stack-owned parameters, exactly as the template's AWS::SSM::Parameter resources hold them.
stack_parameters = [{"Name": resolve(r["Properties"]["Name"]), "Value":
                     resolve(r["Properties"]["Value"]), "Type": r["Properties"]["Type"]}
                    for r in of_type("AWS::SSM::Parameter").values()]
servers = []
try:
    with tempfile.TemporaryDirectory() as tmp:
        seed = os.path.join(tmp, "stack-parameters.json")
        with open(seed, "w") as f:
            json.dump(stack_parameters, f)
        servers.append(start_server(["node", "tests/tools/dynalite-server.js", "--port", "{port}"],
                                    lambda line, port: port if line == "listening %d" % port
                                    else None))
        servers.append(start_server([FAKE_SSM, "--seed", seed],
                                    lambda line, _: int(line) if line.isdigit() else None))
        servers.append(start_server([FAKE_SNS, "--topic", topic_arn],
                                    lambda line, _: int(line) if line.isdigit() else None))
        (_, dynalite_port), (_, ssm_port), (_, sns_port) = servers
        recorder = Recorder()
        proxies = {s: Proxy(s, port, recorder) for s, port in
                   (("dynamodb", dynalite_port), ("ssm", ssm_port), ("sns", sns_port))}
        aws = dict(AWS_ACCESS_KEY_ID="AKIDSTRATUSFAKE",
                   AWS_SECRET_ACCESS_KEY="stratus-fake-secret/key+0123456789",
                   AWS_REGION=STACK["AWS::Region"],
                   AWS_SHARED_CREDENTIALS_FILE=os.path.join(tmp, "none"),
                   AWS_CONFIG_FILE=os.path.join(tmp, "none"),
                   STRATUS_HTTP__MAX_TOTAL_DELAY_MS="200", STRATUS_HTTP__BASE_DELAY_MS="10")

        # The operator's part of the config: `stratus config push` of a dev profile, straight
        # to the fake (not recorded). It cannot write the stack-owned keys.
        profile = os.path.join(tmp, "stratus.toml")
        with open(profile, "w") as f:
            f.write('[dev.data]\npath = "%s"\n[dev.alerts]\n'
                    'on = ["order_placed", "order_rejected", "run_failed"]\n'
                    % os.path.abspath("data/bars/sp500-16.csv.gz"))
        pushed = run(["--config", profile, "config", "push", "--profile", "dev"], env=clean_env(
            AWS_ENDPOINT_URL_SSM="http://127.0.0.1:%d" % ssm_port, **aws))
        check(pushed.returncode == 0, "config push --profile dev: %s" % pushed.stderr)
        held = {p["Name"]: p["Value"] for p in admin(ssm_port, "/__admin/parameters")["parameters"]}
        check(all(held.get(p["Name"]) == p["Value"] for p in stack_parameters) and
              held.get("/stratus/dev/ledger/kind") == "dynamodb",
              "SSM should hold the stack's parameters unchanged after the push: %s" % held)

        # Each function's environment exactly as the template sets it (its /tmp, Lambda's only
        # writable directory, becomes one here), plus what the Lambda service provides.
        lambda_tmp = os.path.join(tmp, "lambda-tmp")

        def function_env(step):
            function = next(f for f in functions.values() if f["Properties"]["Handler"] == step)
            variables = resolve(function["Properties"]["Environment"]["Variables"])
            env = {k: lambda_tmp + v[len("/tmp"):] if v.startswith("/tmp/") else v
                   for k, v in variables.items()}
            env.update(aws)
            env.update({"AWS_ENDPOINT_URL_" + s.upper(): p.endpoint for s, p in proxies.items()})
            return clean_env(**env)
        envs = {step: function_env(step) for step in chain}
        check(envs["record"].get("STRATUS_CONFIG") == "ssm:/stratus/dev" and
              envs["record"].get("STRATUS_PROFILE") == "dev",
              "the functions' config location: %s" % envs["record"].get("STRATUS_CONFIG"))

        created = run(["ledger", "create-table"], env=envs["execute"])
        check(created.returncode == 0, "ledger create-table: " + created.stderr)
        request = json.loads(next((c["body"] for c in recorder.since(0)
                                   if c["action"] == "dynamodb:CreateTable"), b"{}"))
        table = resources[table_id]["Properties"]

        def same(key, sort_by):
            return sorted(request.get(key, []), key=lambda x: x[sort_by]) == \
                sorted(table[key], key=lambda x: x[sort_by])
        check(same("AttributeDefinitions", "AttributeName") and request.get("KeySchema") ==
              table["KeySchema"] and same("GlobalSecondaryIndexes", "IndexName") and
              request.get("BillingMode") == table["BillingMode"],
              "the template's table differs from what `stratus ledger create-table` creates")
        check(request.get("TableName") == table_name, "create-table made %s, the stack's table is %s "
              "(ledger.table from SSM)" % (request.get("TableName"), table_name))

        def invoke_recorded(observed, fail_step=None):
            def invoke(step, payload):
                if step == fail_step:
                    return stratus_lambda({}, fail_step=fail_step)(step, payload)
                before = recorder.count()
                try:
                    return stratus_lambda(envs[step])(step, payload)
                finally:
                    observed.setdefault(step, []).extend(recorder.since(before))
            return invoke

        observed = {}
        # Days that reserve and submit (the paper broker fills them), decline once the month's
        # share caps are used, repeat a day (its reservations exist already), and reconcile; then
        # a day whose execute fails, so record reports a failed run.
        days = ["2015-08-21", "2015-08-24", "2015-08-24", "2015-08-25", "2015-08-26"]
        reasons = set()
        for day in days:
            status, doc, visited = execute_machine(run_document(day + "T19:45:00Z"),
                                                   invoke_recorded(observed))
            check(status == "Succeed", "%s against the fakes: %s (%s)" % (day, status,
                                                                          doc.get("failed")))
            reasons.update(r for r in ("orders", "declined") if doc.get(r))
        check({"orders", "declined"} <= reasons,
              "the days should both place and decline orders: %s" % sorted(reasons))
        status, doc, visited = execute_machine(run_document("2015-08-27T19:45:00Z"),
                                               invoke_recorded(observed, fail_step="execute"))
        check(status == "Fail" and visited[-1] == "record", "a failed execute: %s visiting %s"
              % (status, visited))

        for step, calls in observed.items():
            for c in calls:
                check(c["service"] == "dynamodb" or c["status"] == 200,
                      "%s: %s on %s was answered %d (a refused signature or resource?)"
                      % (step, c["action"], c["arn"], c["status"]))
        published = [c for c in observed.get("record", []) if c["action"] == "sns:Publish"]
        messages = admin(sns_port, "/__admin/messages")["messages"]
        check(len(messages) == len(published) >= 2 and
              all(m["TopicArn"] == topic_arn for m in messages) and
              any("fail" in m["Subject"].lower() for m in messages),
              "record should publish each alert (orders, a failed run) to %s: %d calls, %s"
              % (topic_arn, len(published), [m["Subject"] for m in messages]))
        reads = {c["arn"] for cs in observed.values() for c in cs if c["service"] == "ssm"}
        check(reads == {"arn:aws:ssm:us-east-1:123456789012:parameter/stratus/dev"},
              "the functions should read exactly their config prefix: %s" % sorted(reads))

        seen = {step: [(c["action"], c["arn"]) for c in calls] for step, calls in
                observed.items()}
        if os.environ.get("DEPLOY_TEST_VERBOSE"):
            print("seen:", {k: sorted(set(v)) for k, v in seen.items()})
        for problem in grant_problems(template, seen):
            check(False, problem)

        # The comparison can fail: a grant taken away, a resource narrowed, a grant added.
        def mutated(step, change):
            """A copy of the template in which change(statements) edits the step's role."""
            tmpl = copy.deepcopy(template)
            function = next(f for f in tmpl["Resources"].values()
                            if f["Type"] == "AWS::Lambda::Function" and
                            f["Properties"]["Handler"] == step)
            role = tmpl["Resources"][function["Properties"]["Role"]["Fn::GetAtt"][0]]
            statements = role["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]
            change(statements)
            return tmpl

        def drop_publish(statements):
            for s in statements:
                s["Action"] = [a for a in s["Action"] if a != "sns:Publish"]

        def other_environment(statements):
            for s in statements:
                if "ssm:GetParametersByPath" in s["Action"]:
                    s["Resource"] = [{"Fn::Sub": t["Fn::Sub"].replace("${Environment}", "prod")}
                                     for t in s["Resource"]]

        def add_scan(statements):
            statements.append({"Effect": "Allow", "Action": ["dynamodb:Scan"],
                               "Resource": [{"Fn::GetAtt": [table_id, "Arn"]}]})
        for step, change, expected in (
                ("record", drop_publish, "record calls sns:Publish but its role does not grant"),
                ("evaluate", other_environment, "evaluate calls ssm:GetParametersByPath on "
                 "arn:aws:ssm:us-east-1:123456789012:parameter/stratus/dev, a resource"),
                ("check-limits", add_scan, "check-limits's role grants ['dynamodb:Scan']")):
            problems = grant_problems(mutated(step, change), seen)
            check(len(problems) == 1 and problems[0].startswith(expected),
                  "a template whose %s role is changed (%s) should fail with '%s...', got %s"
                  % (step, change.__name__, expected, problems))
finally:
    for p, _ in servers:
        stop(p)

print("%d checks, %d failed" % (checks, len(failures)))
sys.exit(1 if failures else 0)
