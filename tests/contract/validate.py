#!/usr/bin/python3
"""Validates JSON documents against a Stratus contract schema (docs/contracts/).

Usage: validate.py SCHEMA_FILE DOC_FILE...

SCHEMA_FILE is one of the *.schema.json files; every *.schema.json in its directory is loaded,
checked against the JSON Schema draft 2020-12 meta-schema and registered under its "$id", so
"$ref"s between the files resolve locally. Nothing is ever fetched over the network: a "$ref"
to anything not in that directory is an error.

A DOC_FILE ("-" for standard input) holds one JSON document (as `stratus invoke` prints it) or
JSON Lines, one document per line (as `stratus run --json` over several sessions, or the audit
log). Each violation is printed as "FILE[:LINE]: JSON_PATH: message".

Exit status: 0 every document is valid; 1 a document is invalid or is not JSON; 2 bad usage or
a broken schema directory. Needs Debian's python3-jsonschema (4.10); run with /usr/bin/python3.
"""

import json
import pathlib
import sys

import jsonschema
from jsonschema import Draft202012Validator, RefResolver

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
MAX_MESSAGE = 400


class SchemaSetError(Exception):
    """The schema directory cannot be used."""


def load_schema_store(directory):
    """Returns {$id: schema} for every *.schema.json in `directory`, each checked."""
    store = {}
    files = sorted(directory.glob("*.schema.json"))
    if not files:
        raise SchemaSetError(f"no *.schema.json files in {directory}")
    for path in files:
        try:
            schema = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise SchemaSetError(f"{path}: cannot read the schema: {e}") from e
        try:
            Draft202012Validator.check_schema(schema)
        except jsonschema.exceptions.SchemaError as e:
            raise SchemaSetError(f"{path}: not a valid draft 2020-12 schema: {e.message}") from e
        schema_id = schema.get("$id") if isinstance(schema, dict) else None
        if not isinstance(schema_id, str) or not schema_id.endswith("/" + path.name):
            raise SchemaSetError(f'{path}: "$id" must be an absolute URI ending in "/{path.name}", '
                                 f"got {schema_id!r}")
        if schema_id in store:
            raise SchemaSetError(f'{path}: duplicate "$id" {schema_id}')
        store[schema_id] = schema
    return store


def refuse_remote(uri):
    raise jsonschema.exceptions.RefResolutionError(
        f'"$ref" to {uri}: not one of the local contract schemas (no network access, ever)')


def make_validator(schema_file):
    schema_path = pathlib.Path(schema_file)
    if not schema_path.is_file():
        raise SchemaSetError(f"{schema_file}: no such schema file")
    store = load_schema_store(schema_path.resolve().parent)
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    handlers = {scheme: refuse_remote for scheme in ("http", "https", "file", "ftp", "urn", "")}
    resolver = RefResolver(base_uri=schema["$id"], referrer=schema, store=store,
                           handlers=handlers)
    return Draft202012Validator(schema, resolver=resolver)


def read_documents(doc_file):
    """Yields (label, document or None, parse error or None) for every document in the file."""
    if doc_file == "-":
        text, name = sys.stdin.read(), "<stdin>"
    else:
        name = doc_file
        try:
            text = pathlib.Path(doc_file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            yield name, None, f"cannot read: {e}"
            return
    try:
        yield name, json.loads(text), None
        return
    except ValueError as whole_error:
        lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
        if len(lines) <= 1:
            yield name, None, f"not valid JSON: {whole_error}"
            return
    for number, line in lines:
        label = f"{name}:{number}"
        try:
            yield label, json.loads(line), None
        except ValueError as e:
            yield label, None, f"not valid JSON: {e}"


def leaf_errors(error):
    """The most specific errors under `error` (anyOf/oneOf failures carry them in .context)."""
    if not error.context:
        yield error
        return
    for sub in error.context:
        yield from leaf_errors(sub)


def unique_errors(errors):
    """The leaf errors, one per (JSON path, message), ordered by path. The step schemas build on
    each other, so one violation is often reached along several schema paths: show it once."""
    seen = {}
    for error in errors:
        for leaf in leaf_errors(error):
            seen.setdefault((leaf.json_path, leaf.message), leaf)
    return [seen[key] for key in sorted(seen, key=lambda k: (k[0], k[1]))]


def describe(error):
    """The error's message. A `false` schema (a member forbidden in this kind of document, e.g.
    a section after "skipped") and a described `not` get plainer ones than jsonschema's."""
    if error.schema is False:
        return f"must not be present in this document (found {json.dumps(error.instance)})"
    if error.validator == "not" and isinstance(error.validator_value, dict) \
            and "description" in error.validator_value:
        return f"{error.validator_value['description']} (found {json.dumps(error.instance)})"
    return error.message


def shorten(text):
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE - 3] + "..."


def main(argv):
    if len(argv) < 3 or argv[1] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return EXIT_USAGE if len(argv) < 3 else EXIT_OK
    try:
        validator = make_validator(argv[1])
    except (SchemaSetError, OSError, ValueError) as e:
        print(f"validate.py: {e}", file=sys.stderr)
        return EXIT_USAGE

    schema_name = pathlib.Path(argv[1]).name
    failures = 0
    for doc_file in argv[2:]:
        for label, doc, problem in read_documents(doc_file):
            if problem is not None:
                print(f"{label}: {problem}")
                failures += 1
                continue
            try:
                errors = unique_errors(validator.iter_errors(doc))
            except jsonschema.exceptions.RefResolutionError as e:
                print(f"validate.py: {e}", file=sys.stderr)
                return EXIT_USAGE
            for e in errors:
                where = "/".join(map(str, e.absolute_schema_path))
                print(f"{label}: {e.json_path}: {shorten(describe(e))}  [schema: {where}]")
            if errors:
                failures += 1
            else:
                print(f"{label}: valid against {schema_name}")
    return EXIT_INVALID if failures else EXIT_OK


if __name__ == "__main__":
    sys.exit(main(sys.argv))
