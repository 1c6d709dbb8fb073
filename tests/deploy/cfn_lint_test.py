#!/usr/bin/env python3
"""cfn-lint (npm, tests/tools) on deploy/template.yaml as `aws cloudformation package` hands it
to CloudFormation (each function's local Code path replaced by an S3 location).

Passes when every report cfn-lint makes is a known gap of its old resource specification
(cfn_lint_known_gaps.json, each covered by template_test.py instead) and every known gap is still
reported. A template with a real mistake (a Ref to no resource, a misspelt property) must fail:
checked first, so a cfn-lint that checks nothing cannot pass.

Usage: cfn_lint_test.py (cwd: the repository root)
"""

import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

CFN_LINT = "tests/tools/node_modules/.bin/cfn-lint"
HERE = os.path.dirname(os.path.abspath(__file__))


def packaged(template):
    """The template as `aws cloudformation package` writes it: Code becomes an S3 location."""
    for resource in template["Resources"].values():
        if resource["Type"] == "AWS::Lambda::Function" and isinstance(
                resource["Properties"].get("Code"), str):
            resource["Properties"]["Code"] = {"S3Bucket": "stratus-artifacts",
                                              "S3Key": "0123456789abcdef0123456789abcdef"}
    return template


def lint(template, tmp):
    """cfn-lint's reports as (resource path, message) pairs, and whether it ran at all."""
    path = os.path.join(tmp, "packaged.json")
    with open(path, "w") as f:
        json.dump(template, f, indent=1)
    result = subprocess.run(["node", CFN_LINT, "validate", path], capture_output=True, text=True,
                            timeout=120, env=dict(os.environ, FORCE_COLOR="0", NO_COLOR="1"))
    text = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)
    reports = re.findall(r"^Resource: (.*)\nMessage: (.*)$", text, re.MULTILINE)
    ran = re.search(r"^\d+ crit", text, re.MULTILINE) is not None
    return reports, ran, text


def main():
    if not os.path.exists(CFN_LINT):
        print("FAIL %s is missing: run scripts/install-deps.sh (npm ci in tests/tools)" % CFN_LINT)
        return 1
    with open("deploy/template.yaml") as f:
        template = packaged(yaml.safe_load(f))
    with open(os.path.join(HERE, "cfn_lint_known_gaps.json")) as f:
        gaps = json.load(f)["gaps"]
    failures = []

    def is_gap(resource, message):
        return any(re.search(g["resource"], resource) and g["message"] in message for g in gaps)

    with tempfile.TemporaryDirectory() as tmp:
        # A broken template must be reported: a dangling Ref and a misspelt property.
        broken = json.loads(json.dumps(template))
        function = next(r for r in broken["Resources"].values()
                        if r["Type"] == "AWS::Lambda::Function")
        function["Properties"]["Role"] = {"Fn::GetAtt": ["NoSuchRole", "Arn"]}
        table = next(r for r in broken["Resources"].values() if r["Type"] == "AWS::DynamoDB::Table")
        table["Properties"]["BilingMode"] = table["Properties"].pop("BillingMode")
        reports, ran, text = lint(broken, tmp)
        unexpected = [r for r in reports if not is_gap(*r)]
        if not ran or not any("NoSuchRole" in m for _, m in unexpected) or not any(
                "BilingMode" in m for _, m in unexpected):
            failures.append("cfn-lint did not report the planted mistakes:\n" + text)

        reports, ran, text = lint(template, tmp)
        if not ran:
            failures.append("cfn-lint did not run:\n" + text)
        for resource, message in reports:
            if not is_gap(resource, message):
                failures.append("cfn-lint: %s: %s" % (resource, message))
        for g in gaps:
            if not any(re.search(g["resource"], r) and g["message"] in m for r, m in reports):
                failures.append("known gap no longer reported (remove it from "
                                "cfn_lint_known_gaps.json and deploy/README.md): %s" % g["message"])
    for f in failures:
        print("FAIL " + f)
    print("cfn-lint: %d reports, all known gaps of its old specification" % len(reports)
          if not failures else "%d failures" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
